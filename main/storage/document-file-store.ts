import { closeSync, openSync } from 'node:fs';
import { DomainError } from '../../shared/errors';
import type { ConfigStore } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { fdSignature, readSnapshot, type FileSnapshot, type FileVersion } from './file-version';
import { assertJsonDocument, deepFreeze, parseJsonDocument } from './json-document';
import { lastGoodCopyPath, STORE_FILE_MODE } from './recoverable';

/** The engine that puts a document's text on disk atomically (conf or electron-store underneath). */
export interface DocumentWriter {
  /** Write `text` (the serialization of `value`) as the whole file, atomically. */
  write(value: object, text: string): void;
}

/**
 * A ConfigStore over one JSON file with a cache: read() costs one stat while the file is unchanged,
 * and re-parses only when another process (the CLI, a second console) replaced it.
 */
export class DocumentFileStore<T extends object> implements ConfigStore<T> {
  private document: T;

  constructor(
    private readonly version: FileVersion,
    private readonly writer: DocumentWriter,
    initial: T,
  ) {
    this.document = deepFreeze(initial);
  }

  get location(): string {
    return this.version.path;
  }

  /** The cached document (frozen, shared); reloaded first if the file changed since we read or wrote it. */
  read(): T {
    if (!this.version.isCurrent()) this.reload();
    return this.document;
  }

  /** Serialize once (compact), write through the engine, then refresh the last good copy from the same text. */
  write(value: T): void {
    assertJsonDocument(value, this.location);
    const text = JSON.stringify(value);
    try {
      this.writer.write(value, text);
    } catch (error) {
      throw new DomainError('IO_ERROR', `Cannot save ${this.location}: ${(error as Error).message}`);
    }
    this.document = deepFreeze(value);
    this.holdWhatWeWrote(text);
    try {
      writeFileAtomic(lastGoodCopyPath(this.location), text, { mode: STORE_FILE_MODE });
    } catch (error) {
      throw new DomainError(
        'IO_ERROR',
        `${this.location} was saved, but its last good copy ${lastGoodCopyPath(this.location)} could not be updated: ${(error as Error).message}`,
      );
    }
  }

  /** Release the descriptor pinning the cached version (tests; stores otherwise live as long as the process). */
  close(): void {
    this.version.close();
  }

  private reload(): void {
    let snapshot: FileSnapshot | undefined;
    try {
      snapshot = readSnapshot(this.location);
    } catch (error) {
      throw new DomainError('IO_ERROR', `Cannot read ${this.location}: ${(error as Error).message}`);
    }
    const restart = `Restart CertMapper to restore its last good copy (${lastGoodCopyPath(this.location)}).`;
    if (!snapshot) throw new DomainError('STORE_CORRUPTED', `${this.location} was deleted while CertMapper was running. ${restart}`);
    const parsed = parseJsonDocument(snapshot.text);
    if (!parsed.ok) {
      // Not held: the next read() looks again, so a file another program is still writing heals by itself.
      closeSync(snapshot.fd);
      throw new DomainError('STORE_CORRUPTED', `${this.location} was changed on disk and cannot be read (${parsed.reason}). ${restart}`);
    }
    this.document = deepFreeze(parsed.document as T);
    this.version.hold(snapshot.signature, snapshot.fd);
  }

  // conf renames its own temp file, so we cannot take the signature before the rename: we open the
  // result instead. If its size is not what we wrote (a write that fell short, or another process
  // already replaced it), we hold nothing, and the next read() loads whatever is really there.
  private holdWhatWeWrote(text: string): void {
    let fd: number | undefined;
    try {
      fd = openSync(this.location, 'r');
      const signature = fdSignature(fd);
      if (signature.size === BigInt(Buffer.byteLength(text, 'utf8'))) {
        this.version.hold(signature, fd);
        return;
      }
    } catch {
      // Gone already: same as a mismatch, look again on the next read().
    }
    if (fd !== undefined) closeSync(fd);
    this.version.forget();
  }
}
