import { createServices, type Services } from '../../main/services/create-services';
import { emptyCertificateDocument } from '../../main/services/certificates/certificate-document';
import { MemoryConfigStore } from '../../main/storage/memory-config-store';
import { MemoryVault } from '../../main/storage/memory-vault';
import { emptyConfigDocument } from '../../main/services/sites/config-document';
import { emptyAuthorityDocument } from '../../main/services/authority/authority-document';
import type { Clock } from '../../main/ports';

/** Real services over the in-memory fakes of the ports (the fakes are held honest by contract tests). */
export function memoryServices(clock: Clock = { now: () => new Date() }): Services {
  return createServices({
    dataDir: 'memory',
    version: '0.0.0-test',
    certificateStore: new MemoryConfigStore('certificates', emptyCertificateDocument()),
    configStore: new MemoryConfigStore('config', emptyConfigDocument()),
    authorityStore: new MemoryConfigStore('authority', emptyAuthorityDocument()),
    vault: new MemoryVault(),
    clock,
    notices: [],
  });
}
