import type { Clock, ConfigStore, SecretVault } from '../ports';
import { AccountService } from './accounts/account-service';
import { AuthorityService } from './authority/authority-service';
import type { AuthorityDocument } from './authority/authority-document';
import { crlPublisherEndpoints } from './authority/crl-url';
import { registeredRevocations } from './authority/registered-revocations';
import { BindingService, bindingServiceOptions } from './bindings/binding-service';
import { ExpiryService } from './expiry/expiry-service';
import { CertificateService } from './certificates/certificate-service';
import type { CertificateDocument } from './certificates/certificate-document';
import { MappingService } from './mappings/mapping-service';
import type { ConfigDocument } from './sites/config-document';
import { SiteService } from './sites/site-service';
import { KeyService } from './keys/key-service';
import { RenewalService } from './renewal/renewal-service';

/** What a composition root (Node or Electron) hands over: storage, secrets, time and start-up notices. */
export interface ServiceDependencies {
  dataDir: string;
  version: string;
  certificateStore: ConfigStore<CertificateDocument>;
  configStore: ConfigStore<ConfigDocument>;
  /** authority.json: the local certificate authority and its register of issued certificates. */
  authorityStore: ConfigStore<AuthorityDocument>;
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
  /** What this run's first start created (the default site, the local authority): information, not a warning. */
  firstStart: string[];
  clock: Clock;
  certificates: CertificateService;
  sites: SiteService;
  accounts: AccountService;
  mappings: MappingService;
  bindings: BindingService;
  expiry: ExpiryService;
  /** The Key Manager: keys, requests, installing replies, PKCS#12 / PKCS#8 import and export. */
  keys: KeyService;
  authority: AuthorityService;
  /** The renewal wizard: request, sign and install, then move bindings and mappings. */
  renewal: RenewalService;
  /** What the gateway's snapshot is compiled from: the two documents and the vault. */
  snapshotSources(): { config: ConfigDocument; certificates: CertificateDocument; vault: SecretVault };
}

export function createServices(deps: ServiceDependencies): Services {
  const certificates = new CertificateService(deps.certificateStore, deps.vault, deps.clock, registeredRevocations(deps.authorityStore));
  const sites = new SiteService(deps.configStore, certificates);
  const accounts = new AccountService(deps.configStore);
  const mappings = new MappingService(sites, accounts, certificates, deps.vault);
  const authority = new AuthorityService(deps.authorityStore, deps.vault, deps.clock, { certificates, sites, accounts, mappings });
  const bindings = new BindingService(sites, certificates, { ...bindingServiceOptions(deps.dataDir, deps.clock), reservedEndpoints: () => crlPublisherEndpoints(authority.info()) });
  const keys = new KeyService({ config: deps.configStore, certificateStore: deps.certificateStore, certificates, vault: deps.vault, clock: deps.clock });
  return {
    dataDir: deps.dataDir,
    version: deps.version,
    notices: deps.notices,
    firstStart: [],
    clock: deps.clock,
    certificates,
    sites,
    accounts,
    mappings,
    authority,
    bindings,
    expiry: new ExpiryService(deps.configStore, deps.certificateStore, deps.clock),
    keys,
    renewal: new RenewalService({ certificates, keys, authority, sites, mappings, bindings }),
    snapshotSources: () => ({ config: deps.configStore.read(), certificates: deps.certificateStore.read(), vault: deps.vault }),
  };
}
