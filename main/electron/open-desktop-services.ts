import { safeStorage } from 'electron';
import { DomainError } from '../../shared/errors';
import { systemClock } from '../ports';
import { createServices, type Services } from '../services/create-services';
import { emptyCertificateDocument, type CertificateDocument } from '../services/certificates/certificate-document';
import { EncryptedFileVault } from '../storage/encrypted-file-vault';
import { KeyFileCipher } from '../storage/key-file-cipher';
import type { Cipher } from '../storage/cipher';
import { openElectronStore } from './adapters/electron-store-config-store';
import { SafeStorageCipher } from './adapters/safe-storage-cipher';
import { emptyConfigDocument, type ConfigDocument } from '../services/sites/config-document';
import { emptyAuthorityDocument, type AuthorityDocument } from '../services/authority/authority-document';

/** The OS keychain when it really encrypts; otherwise the 0600 key file, and the administrator is told. */
function desktopCipher(dataDir: string, notices: string[]): Cipher {
  try {
    return SafeStorageCipher.open(safeStorage);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    notices.push(`${error.message}; secrets are encrypted with a key file (vault.key, mode 0600) in ${dataDir} instead.`);
    return KeyFileCipher.open(dataDir);
  }
}

/** Desktop composition root: electron-store documents and a safeStorage vault (after app 'ready'). */
export function openDesktopServices(dataDir: string, version: string): Services {
  const certificates = openElectronStore<CertificateDocument>({ dir: dataDir, name: 'certificates', defaults: emptyCertificateDocument() });
  const config = openElectronStore<ConfigDocument>({ dir: dataDir, name: 'config', defaults: emptyConfigDocument() });
  const authority = openElectronStore<AuthorityDocument>({ dir: dataDir, name: 'authority', defaults: emptyAuthorityDocument() });
  const notices = [...certificates.notices, ...config.notices, ...authority.notices];
  return createServices({
    dataDir,
    version,
    certificateStore: certificates.store,
    configStore: config.store,
    authorityStore: authority.store,
    vault: new EncryptedFileVault(dataDir, desktopCipher(dataDir, notices)),
    clock: systemClock,
    notices,
  });
}
