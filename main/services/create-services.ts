import type { Clock, ConfigStore, SecretVault } from '../ports';
import { CertificateService } from './certificates/certificate-service';
import type { CertificateDocument } from './certificates/certificate-document';

/** What a composition root (Node or Electron) hands over: storage, secrets, time and start-up notices. */
export interface ServiceDependencies {
  dataDir: string;
  version: string;
  certificateStore: ConfigStore<CertificateDocument>;
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
  certificates: CertificateService;
}

export function createServices(deps: ServiceDependencies): Services {
  return {
    dataDir: deps.dataDir,
    version: deps.version,
    notices: deps.notices,
    certificates: new CertificateService(deps.certificateStore, deps.vault, deps.clock),
  };
}
