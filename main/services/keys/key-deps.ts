import type { Clock, ConfigStore, SecretVault } from '../../ports';
import type { CertificateDocument } from '../certificates/certificate-document';
import type { CertificateService } from '../certificates/certificate-service';
import type { ConfigDocument } from '../sites/config-document';

/** What the Key Manager works on: config.json (key references, pending requests), the certificate store and the vault. */
export interface KeyDeps {
  config: ConfigStore<ConfigDocument>;
  certificateStore: ConfigStore<CertificateDocument>;
  certificates: CertificateService;
  vault: SecretVault;
  clock: Clock;
}
