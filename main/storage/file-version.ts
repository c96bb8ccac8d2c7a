import { closeSync, fstatSync, openSync, readFileSync, statSync, type BigIntStats } from 'node:fs';

/**
 * Identity of one version of a file. Writers replace the file (new inode) or rewrite it (new size or
 * mtime), so comparing these tells "another process changed it" without reading it. ctime is left out
 * on purpose: a rename updates it, which would make our own just-written file look foreign.
 */
export interface FileSignature {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

const toSignature = (stats: BigIntStats): FileSignature => ({
  dev: stats.dev,
  ino: stats.ino,
  size: stats.size,
  mtimeNs: stats.mtimeNs,
});

/** The signature of the file now at `path`, or undefined when there is none. */
export function statSignature(path: string): FileSignature | undefined {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stats && toSignature(stats);
}

/** The signature of an open file (the exact version that fd reads or wrote). */
export function fdSignature(fd: number): FileSignature {
  return toSignature(fstatSync(fd, { bigint: true }));
}

/** True when both describe the same version (or both say "no file"). */
export function sameSignature(a: FileSignature | undefined, b: FileSignature | undefined): boolean {
  if (!a || !b) return a === b;
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/** A file's whole text, tied to the version it was read from; `fd` stays open so the caller can pin it. */
export interface FileSnapshot {
  text: string;
  signature: FileSignature;
  fd: number;
}

/** Read a file through one descriptor, so content and signature cannot come from two versions; undefined if absent. */
export function readSnapshot(path: string): FileSnapshot | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const signature = fdSignature(fd);
    return { text: readFileSync(fd, 'utf8'), signature, fd };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

// Linux filesystems (ext4, xfs) hand a freed inode number to the next new file, and mtime can be as
// coarse as a kernel tick, so "replaced twice within a tick by same-size content" could look unchanged.
// Keeping the version we hold open keeps its inode number taken. Not on Windows: an open handle can
// get in the way of other processes renaming over the file, and NTFS file ids are not reused anyway.
const PIN_INODES = process.platform !== 'win32';

/** Which version of a file a cache holds, so "did another process change it?" costs one stat. */
export class FileVersion {
  private held: FileSignature | 'absent' | 'unknown' = 'unknown';
  private pin: number | undefined;

  constructor(readonly path: string) {}

  /** True while the file on disk is still the version we hold. */
  isCurrent(): boolean {
    if (this.held === 'unknown') return false;
    const now = statSignature(this.path);
    return this.held === 'absent' ? now === undefined : sameSignature(now, this.held);
  }

  /** We now hold this version (undefined: there is no file); takes ownership of `fd`. */
  hold(signature: FileSignature | undefined, fd?: number): void {
    this.release();
    this.held = signature ?? 'absent';
    if (fd === undefined) return;
    if (PIN_INODES) this.pin = fd;
    else closeSync(fd);
  }

  /** We no longer know which version we hold: the next check says "changed". */
  forget(): void {
    this.release();
    this.held = 'unknown';
  }

  /** Release the pinned descriptor (tests; a store otherwise lives as long as the process). */
  close(): void {
    this.release();
  }

  private release(): void {
    if (this.pin === undefined) return;
    closeSync(this.pin);
    this.pin = undefined;
  }
}
