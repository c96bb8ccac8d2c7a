import type { ImportFileResult } from '../../../shared/ipc';
import type { ImportOptions } from './import-options';

/** Where the import flow is: choosing options for files, sending batches, or showing per-file results. */
export type ImportState =
  | { phase: 'idle' }
  | { phase: 'prepare'; files: File[] }
  | { phase: 'running'; files: File[]; done: number; total: number; cancelling: boolean }
  | { phase: 'done'; files: File[]; results: ImportFileResult[]; options: ImportOptions; retrying: ReadonlySet<number> };

/** The same file dropped twice in a row is listed once. */
export function mergeFiles(current: readonly File[], added: readonly File[]): File[] {
  const key = (f: File) => `${f.name}\u0000${f.size}\u0000${f.lastModified}`;
  const seen = new Set(current.map(key));
  return [...current, ...added.filter((f) => !seen.has(key(f)))];
}
