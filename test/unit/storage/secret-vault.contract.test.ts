import { EncryptedFileVault } from '../../../main/storage/encrypted-file-vault';
import { KeyFileCipher } from '../../../main/storage/key-file-cipher';
import { MemoryVault } from '../../../main/storage/memory-vault';
import { SafeStorageCipher } from '../../../main/electron/adapters/safe-storage-cipher';
import { makeTempDir } from '../../helpers/temp-dir';
import { fakeSafeStorage } from './fake-safe-storage';
import { secretVaultContract } from './secret-vault.contract';

secretVaultContract('MemoryVault', () => ({ vault: new MemoryVault(), cleanup: () => {} }));

secretVaultContract('EncryptedFileVault + KeyFileCipher (fresh temp dir)', () => {
  const dir = makeTempDir('certmapper-vault-contract-');
  const vault = new EncryptedFileVault(dir.path, KeyFileCipher.open(dir.path));
  return {
    vault,
    cleanup: () => {
      vault.close();
      dir.cleanup();
    },
  };
});

// The desktop's cipher, over a stand-in for Electron's safeStorage (Electron cannot run here).
secretVaultContract('EncryptedFileVault + SafeStorageCipher (fake safeStorage)', () => {
  const dir = makeTempDir('certmapper-vault-contract-');
  const vault = new EncryptedFileVault(dir.path, SafeStorageCipher.open(fakeSafeStorage(), { platform: 'win32' }));
  return {
    vault,
    cleanup: () => {
      vault.close();
      dir.cleanup();
    },
  };
});
