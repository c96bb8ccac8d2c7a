import { mkdirSync } from 'node:fs';
import { systemClock } from '../ports';
import { createServices, type Services } from '../services/create-services';
import { emptyCertificateDocument, type CertificateDocument } from '../services/certificates/certificate-document';
import { openConfStore } from '../storage/conf-config-store';
import { EncryptedFileVault } from '../storage/encrypted-file-vault';
import { KeyFileCipher } from '../storage/key-file-cipher';
import { emptyConfigDocument, type ConfigDocument } from '../services/sites/config-document';
import { emptyAuthorityDocument, type AuthorityDocument } from '../services/authority/authority-document';
import { PRODUCT_VERSION } from './product-version';

/** Node composition root: conf documents and a key-file vault in the data folder. */
export function openNodeServices(dataDir: string): Services {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const certificates = openConfStore<CertificateDocument>({ dir: dataDir, name: 'certificates', defaults: emptyCertificateDocument() });
  const config = openConfStore<ConfigDocument>({ dir: dataDir, name: 'config', defaults: emptyConfigDocument() });
  const authority = openConfStore<AuthorityDocument>({ dir: dataDir, name: 'authority', defaults: emptyAuthorityDocument() });
  return createServices({
    dataDir,
    version: PRODUCT_VERSION,
    certificateStore: certificates.store,
    configStore: config.store,
    authorityStore: authority.store,
    vault: new EncryptedFileVault(dataDir, KeyFileCipher.open(dataDir)),
    clock: systemClock,
    notices: [...certificates.notices, ...config.notices, ...authority.notices],
  });
}
