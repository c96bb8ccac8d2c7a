import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Conf from 'conf';
import { DomainError } from '../../shared/errors';
import { systemClock, type Clock } from '../ports';
import { DocumentFileStore, type DocumentWriter } from './document-file-store';
import { FileVersion } from './file-version';
import type { JsonDocument } from './json-document';
import { openDocumentFile, STORE_FILE_MODE } from './recoverable';

/** Where a store lives and what it holds before its first write. */
export interface OpenStoreOptions<T extends object> {
  /** The data folder. */
  dir: string;
  /** Document name: 'certificates' is certificates.json. */
  name: string;
  /** The document while there is no file yet (never merged into an existing one: migrations belong to services). */
  defaults: T;
  /** Stamps the names of files moved aside; tests pin it. */
  clock?: Clock;
}

/** An open store and the notices the composition root must show (a store recovered from corruption). */
export interface OpenedStore<T extends object> {
  store: DocumentFileStore<T>;
  notices: string[];
}

/** The options we give conf or electron-store: conf's own names, a subset of its Options. */
export interface EngineOptions {
  cwd: string;
  configName: string;
  clearInvalidConfig: false;
  configFileMode: number;
  serialize: (value: JsonDocument) => string;
  deserialize: (text: string) => JsonDocument;
}

/** conf's public surface that we use; electron-store extends conf, so both fit. */
export type DocumentEngine = Pick<Conf<JsonDocument>, 'path' | 'store'>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Open a store over a conf-family engine: recover the file first (conf itself would throw on a bad file,
 * or with clearInvalidConfig reset it silently), then let the engine do the atomic writes.
 */
export function openDocumentStore<T extends object>(
  options: OpenStoreOptions<T>,
  createEngine: (engineOptions: EngineOptions) => DocumentEngine,
): OpenedStore<T> {
  if (!NAME.test(options.name)) throw new TypeError(`Invalid store name ${JSON.stringify(options.name)}`);
  const dir = resolve(options.dir);
  const path = join(dir, `${options.name}.json`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DomainError('IO_ERROR', `Cannot create the data folder ${dir}: ${(error as Error).message}`);
  }
  const opened = openDocumentFile(path, options.clock ?? systemClock);
  const version = new FileVersion(path);
  version.hold(opened.signature, opened.fd);

  let pending: { value: object; text: string } | undefined;
  let engine: DocumentEngine;
  try {
    engine = createEngine({
      cwd: dir,
      configName: options.name,
      // Never let conf reset a bad file to {}: recovery above decides, and says so.
      clearInvalidConfig: false,
      configFileMode: STORE_FILE_MODE,
      // The store has already serialized (compactly: the certificate document can be tens of MB) for
      // its last good copy; conf gets that same text instead of stringifying a second time.
      serialize: (value) => (pending && value === pending.value ? pending.text : JSON.stringify(value)),
      // We read the file ourselves (tied to its signature, with recovery). conf still reads it when
      // constructed and, before each write, to carry over its "__internal__" key, which we never use:
      // answering "no internal data" saves parsing tens of MB each time.
      deserialize: () => ({}),
    });
  } catch (error) {
    version.close();
    throw new DomainError('IO_ERROR', `Cannot open ${path}: ${(error as Error).message}`);
  }
  if (resolve(engine.path) !== path) {
    version.close();
    throw new Error(`Store engine chose ${engine.path} instead of ${path}`);
  }

  const writer: DocumentWriter = {
    write(value, text) {
      pending = { value, text };
      try {
        engine.store = value as JsonDocument;
      } finally {
        pending = undefined;
      }
    },
  };
  const initial = (opened.document as T | undefined) ?? structuredClone(options.defaults);
  return { store: new DocumentFileStore<T>(version, writer, initial), notices: opened.notices };
}
