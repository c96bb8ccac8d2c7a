import ElectronStore from 'electron-store';
import type { JsonDocument } from '../../storage/json-document';
import { openDocumentStore, type OpenedStore, type OpenStoreOptions } from '../../storage/open-document-store';

/** Desktop wiring: a ConfigStore over electron-store, with the same cache, recovery and notices as the conf one. */
export function openElectronStore<T extends object>(options: OpenStoreOptions<T>): OpenedStore<T> {
  // electron-store names conf's configName "name"; everything else passes through to conf unchanged.
  return openDocumentStore(options, ({ configName, ...engineOptions }) =>
    new ElectronStore<JsonDocument>({ ...engineOptions, name: configName }),
  );
}
