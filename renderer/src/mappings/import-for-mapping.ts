import type { ImportFileResult } from '../../../shared/ipc';
import { PASSWORD_CODES } from '../import/import-options';
import { runImport } from '../import/run-import';

/** A certificate brought in by the files, offered for a one-to-one mapping. */
export interface MappingCandidate {
  sha256: string;
  subject: string;
}

/** What importing a dropped or chosen file gave: certificates to map, a password to ask for, or why not. */
export type MappingImport =
  | { kind: 'ok'; candidates: MappingCandidate[]; summary: string }
  | { kind: 'password'; file: string; message: string }
  | { kind: 'failed'; message: string };

/** End-entity certificates first: a PFX or bundle brings its CA chain too, which is never what one maps. */
function candidatesOf(results: readonly ImportFileResult[]): MappingCandidate[] {
  const all = results.flatMap((r) => r.certificates);
  const leaves = all.filter((c) => c.store === 'client' || c.store === 'server');
  const seen = new Set<string>();
  return (leaves.length ? leaves : all).filter((c) => !seen.has(c.sha256) && seen.add(c.sha256)).map((c) => ({ sha256: c.sha256, subject: c.subject }));
}

/**
 * Import the files (any encoding, each certificate into its suggested store: a client certificate's chain
 * goes to the CA stores, not to Client) and say which certificates can be mapped.
 */
export async function importForMapping(files: readonly File[], password?: string): Promise<MappingImport> {
  const results = await runImport(files, { password }, () => {});
  const locked = results.find((r) => !r.ok && r.error && PASSWORD_CODES.has(r.error.code));
  if (locked) return { kind: 'password', file: locked.file, message: locked.error?.message ?? 'This file needs its password' };
  const candidates = candidatesOf(results);
  const refused = results.filter((r) => !r.ok);
  if (!candidates.length) {
    return { kind: 'failed', message: refused.map((r) => `${r.file}: ${r.error?.message ?? 'refused'}`).join('; ') || 'The file holds no certificate.' };
  }
  const added = results.flatMap((r) => r.certificates).filter((c) => !c.duplicate).length;
  const summary = added ? `Imported ${added} certificate${added === 1 ? '' : 's'} into the store.` : 'The certificate was already in the store.';
  return { kind: 'ok', candidates, summary: refused.length ? `${summary} ${refused.length} file(s) refused.` : summary };
}
