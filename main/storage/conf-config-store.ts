import Conf from 'conf';
import type { JsonDocument } from './json-document';
import { openDocumentStore, type OpenedStore, type OpenStoreOptions } from './open-document-store';

export type { OpenedStore, OpenStoreOptions } from './open-document-store';

/** Node wiring: a ConfigStore over conf (electron-store's engine, same file format), with recovery notices. */
export function openConfStore<T extends object>(options: OpenStoreOptions<T>): OpenedStore<T> {
  return openDocumentStore(options, (engineOptions) => new Conf<JsonDocument>(engineOptions));
}
