import { closeSync, existsSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import { DomainError } from '../../shared/errors';
import type { Clock } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { readSnapshot, sameSignature, statSignature, type FileSignature, type FileSnapshot } from './file-version';
import { parseJsonDocument, type JsonDocument } from './json-document';

/** Store files hold what the administrator imported; nobody else on the machine needs to read them. */
export const STORE_FILE_MODE = 0o600;

/** `<name>.json.bak`: a complete copy of the last document written, replaced atomically after each write. */
export const lastGoodCopyPath = (path: string): string => `${path}.bak`;

/** What opening a store file found: its document (undefined: none, use the defaults) and what to tell the administrator. */
export interface OpenedDocument {
  document: JsonDocument | undefined;
  /** The version of the file the document came from (undefined: no file), and its descriptor to pin. */
  signature: FileSignature | undefined;
  fd?: number;
  notices: string[];
}

// Another process may be repairing or rewriting the same file while we look; a few looks settle it.
const ATTEMPTS = 3;

/**
 * Open a store file, never resetting it silently: a file that does not parse is moved aside as
 * `<name>.json.corrupt-<time>`, the last good copy is restored if it parses, and a notice names the files.
 */
export function openDocumentFile(path: string, clock: Clock): OpenedDocument {
  for (let attempt = 1; ; attempt++) {
    const snapshot = readOrFail(path);
    if (!snapshot) {
      if (!existsSync(lastGoodCopyPath(path))) return { document: undefined, signature: undefined, notices: [] };
      // No store file but a last good copy: deleted by hand or lost; keeping the data is the safe side.
      return restoreLastGoodCopy(path, clock, `${path} was missing`);
    }
    const parsed = parseJsonDocument(snapshot.text);
    if (parsed.ok) {
      try {
        ensureLastGoodCopy(path, snapshot.text);
      } catch (error) {
        closeSync(snapshot.fd);
        throw error;
      }
      return { document: parsed.document, signature: snapshot.signature, fd: snapshot.fd, notices: [] };
    }
    closeSync(snapshot.fd);
    // Only move aside the very file we judged: if it was replaced meanwhile, judge the new one.
    if (!sameSignature(statSignature(path), snapshot.signature)) {
      if (attempt < ATTEMPTS) continue;
      throw new DomainError('IO_ERROR', `${path} kept changing while it was being opened; try again`);
    }
    const aside = moveAside(path, clock);
    return restoreLastGoodCopy(path, clock, `${path} was corrupted (${parsed.reason}); it was moved to ${basename(aside)}`);
  }
}

function restoreLastGoodCopy(path: string, clock: Clock, what: string): OpenedDocument {
  const backupPath = lastGoodCopyPath(path);
  const backupName = basename(backupPath);
  let backup: FileSnapshot | undefined;
  try {
    backup = readSnapshot(backupPath);
  } catch (error) {
    // Unreadable is not damaged: starting empty would let the next write replace it. Stop; the next start retries.
    throw new DomainError('IO_ERROR', `${what}. Its last good copy ${backupPath} cannot be read: ${(error as Error).message}`);
  }
  if (!backup) return startEmpty(`${what}. There is no last good copy (${backupName})`);
  closeSync(backup.fd);
  const parsed = parseJsonDocument(backup.text);
  if (!parsed.ok) {
    const aside = moveAside(backupPath, clock);
    return startEmpty(`${what}. Its last good copy ${backupName} is damaged too (${parsed.reason}) and was moved to ${basename(aside)}`);
  }
  const savedAt = new Date(Number(backup.signature.mtimeNs / 1_000_000n)).toISOString();
  const restored = writeOrFail(path, backup.text, true);
  return {
    document: parsed.document,
    signature: restored.signature,
    fd: restored.fd,
    notices: [`${what}, and the last good copy saved ${savedAt} (${backupName}) was restored.`],
  };
}

function startEmpty(what: string): OpenedDocument {
  return { document: undefined, signature: undefined, notices: [`${what}, so the store starts empty.`] };
}

// A store written before last good copies existed (or by another tool) gets one now, before anything can damage it.
function ensureLastGoodCopy(path: string, text: string): void {
  if (!existsSync(lastGoodCopyPath(path))) writeOrFail(lastGoodCopyPath(path), text, false);
}

/** Rename a damaged file to `<file>.corrupt-<ISO time>` (colons made dashes: Windows forbids them in names). */
function moveAside(path: string, clock: Clock): string {
  const stamp = clock.now().toISOString().replace(/:/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${path}.corrupt-${stamp}-${n}`;
  try {
    renameSync(path, target);
  } catch (error) {
    throw new DomainError('IO_ERROR', `${path} is damaged and could not be moved aside to ${basename(target)}: ${(error as Error).message}`);
  }
  return target;
}

function readOrFail(path: string): FileSnapshot | undefined {
  try {
    return readSnapshot(path);
  } catch (error) {
    throw new DomainError('IO_ERROR', `Cannot read ${path}: ${(error as Error).message}`);
  }
}

function writeOrFail(path: string, text: string, keepOpen: boolean): { signature: FileSignature; fd?: number } {
  try {
    return writeFileAtomic(path, text, { mode: STORE_FILE_MODE, keepOpen });
  } catch (error) {
    throw new DomainError('IO_ERROR', `Cannot write ${path}: ${(error as Error).message}`);
  }
}
