import type { Clock, ConfigStore, SecretVault } from '../ports';
import { AccountService } from './accounts/account-service';
import { CertificateService } from './certificates/certificate-service';
import type { CertificateDocument } from './certificates/certificate-document';
import { MappingService } from './mappings/mapping-service';
import type { ConfigDocument } from './sites/config-document';
import { SiteService } from './sites/site-service';

/** What a composition root (Node or Electron) hands over: storage, secrets, time and start-up notices. */
export interface ServiceDependencies {
  dataDir: string;
  version: string;
  certificateStore: ConfigStore<CertificateDocument>;
  configStore: ConfigStore<ConfigDocument>;
  vault: SecretVault;
  clock: Clock;
  /** Messages the administrator must see (a store recovered from corruption, a first start). */
  notices: string[];
}

/** Every service of the product, built from its ports. */
export interface Services {
  dataDir: string;
  version: string;
  notices: string[];
  clock: Clock;
  certificates: CertificateService;
  sites: SiteService;
  accounts: AccountService;
  mappings: MappingService;
  /** What the gateway's snapshot is compiled from: the two documents and the vault. */
  snapshotSources(): { config: ConfigDocument; certificates: CertificateDocument; vault: SecretVault };
}

export function createServices(deps: ServiceDependencies): Services {
  const certificates = new CertificateService(deps.certificateStore, deps.vault, deps.clock);
  const sites = new SiteService(deps.configStore, certificates);
  const accounts = new AccountService(deps.configStore);
  return {
    dataDir: deps.dataDir,
    version: deps.version,
    notices: deps.notices,
    clock: deps.clock,
    certificates,
    sites,
    accounts,
    mappings: new MappingService(sites, accounts, certificates, deps.vault),
    snapshotSources: () => ({ config: deps.configStore.read(), certificates: deps.certificateStore.read(), vault: deps.vault }),
  };
}
