import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fdSignature, type FileSignature } from './file-version';

const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_TIMEOUT_MS = 1000;

/** What an atomic write left on disk: the signature of the new version, and its descriptor when asked to keep it. */
export interface WrittenFile {
  signature: FileSignature;
  fd?: number;
}

/**
 * Write a whole file so readers see the old or the new content, never a mix: a temp file next to it,
 * every byte written (a short write is not an error in Node, so we loop), fsync, exact mode, rename.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { mode: number; keepOpen?: boolean },
): WrittenFile {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  // 'wx': never follow or reuse whatever might already sit at the temp name.
  const fd = openSync(temp, 'wx', options.mode);
  let open = true;
  try {
    // The umask may have taken bits away; set exactly what was asked (no-op on Windows).
    if (process.platform !== 'win32') fchmodSync(fd, options.mode);
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    // Taken before the rename on purpose: rename keeps inode, size and mtime, and reading the path
    // afterwards could already see another process's file.
    const signature = fdSignature(fd);
    renameWithRetry(temp, path);
    syncDirectory(dirname(path));
    if (options.keepOpen) {
      open = false;
      return { signature, fd };
    }
    return { signature };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    if (open) closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw new Error('the disk accepted no more bytes');
    offset += written;
  }
}

// Windows: a virus scanner or indexer briefly holding the target makes rename fail; it clears quickly.
function renameWithRetry(from: string, to: string): void {
  const deadline = Date.now() + RENAME_TIMEOUT_MS;
  for (;;) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !RENAME_RETRY_CODES.has(code) || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

// Makes the rename itself durable (POSIX); best effort, as some filesystems refuse fsync on a directory.
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Durability nicety only: the write itself is complete and atomic either way.
  }
}
