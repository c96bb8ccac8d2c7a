import { statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { DirectoryWatch } from './directory-watch';

/** A small file held in memory, with the stat it was read under and its ready-made response headers. */
export interface CachedFile {
  readonly file: string;
  /**
   * The file's bytes: up to STRING_BODY_BYTES as a latin1 string (one character per byte, so byte for
   * byte the file), larger as a Buffer. Node sends a string body in one write with its header, a
   * Buffer as a second chunk after it: one small response in one chunk measured 4.5% more keep-alive
   * requests a second (README, Benchmarks). A large body stays a Buffer, which is written without
   * the two extra copies (join, flatten) a string would cost.
   */
  readonly body: Buffer | string;
  /** Whole seconds, as Last-Modified carries them (If-Modified-Since compares against this). */
  readonly modifiedSecondsMs: number;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly identity: FileIdentity;
  /** Its folders are watched: a change is reported, so a hit needs no stat until the next revalidation. */
  readonly watched: boolean;
  /** When its stat was last compared (ms). */
  checkedAt: number;
  /** Its place in the recency order: the cache's insertion count when it was last put at the end. */
  insertedAt: number;
}

/** What tells a file's content apart without reading it: same inode, size, change and modification times. */
interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

const identityOf = (s: Stats): FileIdentity => ({ dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs });
const sameIdentity = (a: FileIdentity, s: Stats): boolean =>
  a.ino === s.ino && a.size === s.size && a.mtimeMs === s.mtimeMs && a.ctimeMs === s.ctimeMs && a.dev === s.dev;

/** Bodies up to this size are held as a string (see CachedFile.body); 16 KB is one TLS record. */
const STRING_BODY_BYTES = 16 * 1024;

export interface StaticFileCacheLimits {
  /** Larger files are streamed from disk on every request (default 1 MiB). */
  maxFileBytes?: number;
  /** Bytes held across all files; the least recently used go first (default 32 MiB). */
  maxTotalBytes?: number;
  /** Request paths remembered (each names one file); beyond this the oldest are forgotten (default 10,000). */
  maxRoutes?: number;
  /**
   * How long a watched file is served without a stat (default 1 s): the bound on staleness where a
   * file system reports no changes (a network share written by another computer).
   */
  revalidateMs?: number;
}

/**
 * Small static files in memory, so that an allowed request costs no system call instead of a stat,
 * an open, reads and a close on the thread pool. Not stale: the folders of every cached file are
 * watched (directory-watch.ts) from before it is read, and a reported change to the file, or to any
 * folder on its path, drops it; the notification is queued by the kernel when the file changes, so
 * it is handled before a request sent after the change. Once a second (revalidateMs), and always for
 * a file whose folders cannot be watched, a hit stats the file first and serves from memory only if
 * the inode, size, mtime and ctime are those the content was read under. A per-hit stat was a sixth
 * of the gateway's time under keep-alive load (bench/gateway-bench.mjs).
 *
 * Request paths are remembered apart from files ("/" and "/index.html" share one body): a path names
 * the file it resolved to, and a valid stat of that file also proves the resolution still holds
 * (a folder turned into a file, or the reverse, changes the inode or makes the stat fail).
 */
export class StaticFileCache {
  private readonly routes = new Map<string, string>();
  private readonly files = new Map<string, CachedFile>();
  private totalBytes = 0;
  /** Counts reported changes, so a file changed while it was being read is not kept. */
  private generation = 0;
  /** Counts the times a file was put at the end of the recency order. */
  private insertions = 0;
  readonly maxFileBytes: number;
  private readonly maxTotalBytes: number;
  private readonly maxRoutes: number;
  private readonly revalidateMs: number;
  private readonly watch = new DirectoryWatch((dir, name) => this.changed(dir, name));

  constructor(limits: StaticFileCacheLimits = {}) {
    this.maxFileBytes = limits.maxFileBytes ?? 1024 * 1024;
    this.maxTotalBytes = limits.maxTotalBytes ?? 32 * 1024 * 1024;
    this.maxRoutes = limits.maxRoutes ?? 10_000;
    this.revalidateMs = limits.revalidateMs ?? 1000;
  }

  /** The cached file a request path resolved to, if it is still what is on disk. */
  lookup(routeKey: string, now = Date.now()): CachedFile | null {
    const file = this.routes.get(routeKey);
    if (file === undefined) return null;
    const entry = this.files.get(file);
    if (!entry) {
      this.routes.delete(routeKey);
      return null;
    }
    if (!entry.watched || now - entry.checkedAt >= this.revalidateMs) {
      let current: Stats | undefined;
      try {
        current = statSync(file, { throwIfNoEntry: false });
      } catch {
        current = undefined;
      }
      if (!current || !sameIdentity(entry.identity, current)) {
        this.forget(file);
        this.routes.delete(routeKey);
        return null;
      }
      entry.checkedAt = now;
    }
    // Most recently used last: eviction takes the first. A file in the newer half of the order stays
    // where it is, so the file hit again and again costs no reordering of the Map.
    if (this.insertions - entry.insertedAt > this.files.size >> 1) {
      this.files.delete(file);
      this.files.set(file, entry);
      entry.insertedAt = ++this.insertions;
    }
    return entry;
  }

  /**
   * Read a regular file no larger than maxFileBytes and remember it under `routeKey`; null when it
   * is larger, not a regular file, gone, or changed while it was read (the caller streams it then).
   */
  async load(routeKey: string, file: string, contentType: string, root: string): Promise<CachedFile | null> {
    // Watched before it is read: a change while reading is reported, and drops what was read.
    const watched = this.watch.cover(root, dirname(file));
    const generation = this.generation;
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      return null;
    }
    try {
      const before = await handle.stat();
      if (!before.isFile() || before.size > this.maxFileBytes) return null;
      const bytes = await handle.readFile();
      const after = await handle.stat();
      // Written to while we read: serve it from disk this time, and cache it at a quieter moment.
      if (!sameIdentity(identityOf(before), after) || bytes.length !== after.size) return null;
      const body = bytes.length <= STRING_BODY_BYTES ? bytes.toString('latin1') : bytes;
      const entry: CachedFile = {
        file,
        body,
        watched,
        checkedAt: Date.now(),
        insertedAt: 0,
        modifiedSecondsMs: Math.floor(after.mtimeMs / 1000) * 1000,
        identity: identityOf(after),
        headers: {
          'Content-Type': contentType,
          'Content-Length': bytes.length,
          'Last-Modified': after.mtime.toUTCString(),
          'X-Content-Type-Options': 'nosniff',
        },
      };
      // A change reported while it was read (its stat may not show it yet): serve it, do not keep it.
      if (this.generation === generation) this.remember(routeKey, entry);
      return entry;
    } catch {
      return null;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Stop watching (the gateway stops). */
  close(): void {
    this.watch.close();
    this.files.clear();
    this.routes.clear();
    this.totalBytes = 0;
  }

  /** A watched folder reported a change of `name` (or of anything): every cached file at or below it goes. */
  private changed(dir: string, name: string | null): void {
    this.generation++;
    const gone = name === null ? dir : join(dir, name);
    for (const file of [...this.files.keys()]) if (file === gone || file.startsWith(gone + sep)) this.forget(file);
  }

  private remember(routeKey: string, entry: CachedFile): void {
    this.forget(entry.file);
    this.files.set(entry.file, entry);
    entry.insertedAt = ++this.insertions;
    this.totalBytes += entry.body.length;
    for (const [file] of this.files) {
      if (this.totalBytes <= this.maxTotalBytes) break;
      this.forget(file);
    }
    if (this.routes.size >= this.maxRoutes && !this.routes.has(routeKey)) this.routes.delete(this.routes.keys().next().value!);
    this.routes.set(routeKey, entry.file);
  }

  private forget(file: string): void {
    const old = this.files.get(file);
    if (!old) return;
    this.files.delete(file);
    this.totalBytes -= old.body.length;
  }
}
