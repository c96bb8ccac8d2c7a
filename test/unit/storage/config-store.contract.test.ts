import { join } from 'node:path';
import { expect } from 'vitest';
import { openConfStore } from '../../../main/storage/conf-config-store';
import { MemoryConfigStore } from '../../../main/storage/memory-config-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { configStoreContract } from './config-store.contract';

configStoreContract('MemoryConfigStore', () => ({
  open: (name, defaults) => new MemoryConfigStore(name, defaults),
  expectLocation: (location, name) => expect(location).toBe(`memory:${name}`),
  cleanup: () => {},
}));

configStoreContract('conf (openConfStore, fresh temp dir)', () => {
  const dir = makeTempDir('certmapper-conf-contract-');
  const opened: { close(): void }[] = [];
  return {
    open: (name, defaults) => {
      const { store, notices } = openConfStore({ dir: dir.path, name, defaults });
      expect(notices).toEqual([]);
      opened.push(store);
      return store;
    },
    expectLocation: (location, name) => expect(location).toBe(join(dir.path, `${name}.json`)),
    cleanup: () => {
      for (const store of opened) store.close();
      dir.cleanup();
    },
  };
});
