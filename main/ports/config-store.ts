/**
 * One JSON document on disk (certificates.json, config.json, ...). Services keep the whole document
 * and write it back in one atomic step, so a reader never sees half a change.
 * Desktop wiring: electron-store; Node wiring: conf (same engine, same file format); tests: memory.
 */
export interface ConfigStore<T extends object> {
  /** Where the document lives (for messages); "memory:<name>" for the in-memory fake. */
  readonly location: string;
  /** The current document. Re-read from disk only when another process changed the file. */
  read(): T;
  /** Replace the whole document atomically (write-then-rename) and keep it as the last good copy. */
  write(value: T): void;
}
