import type { ConfigStore } from '../ports';
import { assertJsonDocument, deepFreeze } from './json-document';

/**
 * In-memory ConfigStore for tests. Like the file stores it hands out one frozen document until the
 * next write (so callers cannot change stored state by reference, and identity tells "changed").
 */
export class MemoryConfigStore<T extends object> implements ConfigStore<T> {
  readonly location: string;
  private document: T;

  constructor(name: string, initial: T) {
    this.location = `memory:${name}`;
    // The caller keeps its own initial object, as a file store keeps its defaults.
    this.document = deepFreeze(structuredClone(initial));
  }

  /** The current document: the same frozen object until the next write. */
  read(): T {
    return this.document;
  }

  /** Takes ownership of `value`: it is frozen and becomes what read() returns, as with the file stores. */
  write(value: T): void {
    assertJsonDocument(value, this.location);
    this.document = deepFreeze(value);
  }
}
