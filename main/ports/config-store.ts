/**
 * One JSON document on disk (certificates.json, config.json, ...). Services keep the whole document
 * and write it back in one atomic step, so a reader never sees half a change.
 * Desktop wiring: electron-store; Node wiring: conf (same engine, same file format); tests: memory.
 */
export interface ConfigStore<T extends object> {
  /** Where the document lives (for messages); "memory:<name>" for the in-memory fake. */
  readonly location: string;
  /**
   * The current document: a cached, deeply frozen object shared by every caller, the same object until
   * the document changes (so identity tells "changed"). Never mutate it: build a new document and write()
   * it. Re-read from disk only when another process changed the file (one stat per call otherwise).
   */
  read(): T;
  /**
   * Replace the whole document atomically (write-then-rename) and keep it as the last good copy.
   * Takes ownership of `value` (a plain JSON object): it is frozen and becomes what read() returns.
   */
  write(value: T): void;
}
