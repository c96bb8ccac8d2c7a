import { statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** A small file held in memory, with the stat it was read under and its ready-made response headers. */
export interface CachedFile {
  readonly file: string;
  readonly body: Buffer;
  /** Whole seconds, as Last-Modified carries them (If-Modified-Since compares against this). */
  readonly modifiedSecondsMs: number;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly identity: FileIdentity;
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

export interface StaticFileCacheLimits {
  /** Larger files are streamed from disk on every request (default 1 MiB). */
  maxFileBytes?: number;
  /** Bytes held across all files; the least recently used go first (default 32 MiB). */
  maxTotalBytes?: number;
  /** Request paths remembered (each names one file); beyond this the oldest are forgotten (default 10,000). */
  maxRoutes?: number;
}

/**
 * Small static files in memory, so that an allowed request costs one stat() instead of a stat, an
 * open, reads and a close on the thread pool. Never stale: every hit stats the file first (one
 * synchronous system call on the gateway's own thread) and serves from memory only if the inode,
 * size, mtime and ctime are those the content was read under; any change, a rename over it or its
 * removal sends the request down the slow path, which reads the file again.
 *
 * Request paths are remembered apart from files ("/" and "/index.html" share one body): a path names
 * the file it resolved to, and a valid stat of that file also proves the resolution still holds
 * (a folder turned into a file, or the reverse, changes the inode or makes the stat fail).
 */
export class StaticFileCache {
  private readonly routes = new Map<string, string>();
  private readonly files = new Map<string, CachedFile>();
  private totalBytes = 0;
  readonly maxFileBytes: number;
  private readonly maxTotalBytes: number;
  private readonly maxRoutes: number;

  constructor(limits: StaticFileCacheLimits = {}) {
    this.maxFileBytes = limits.maxFileBytes ?? 1024 * 1024;
    this.maxTotalBytes = limits.maxTotalBytes ?? 32 * 1024 * 1024;
    this.maxRoutes = limits.maxRoutes ?? 10_000;
  }

  /** The cached file a request path resolved to, if it is still exactly what is on disk. */
  lookup(routeKey: string): CachedFile | null {
    const file = this.routes.get(routeKey);
    if (file === undefined) return null;
    const entry = this.files.get(file);
    if (!entry) {
      this.routes.delete(routeKey);
      return null;
    }
    let now: Stats | undefined;
    try {
      now = statSync(file, { throwIfNoEntry: false });
    } catch {
      now = undefined;
    }
    if (!now || !sameIdentity(entry.identity, now)) {
      this.forget(file);
      this.routes.delete(routeKey);
      return null;
    }
    // Most recently used last: eviction takes the first.
    this.files.delete(file);
    this.files.set(file, entry);
    return entry;
  }

  /**
   * Read a regular file no larger than maxFileBytes and remember it under `routeKey`; null when it
   * is larger, not a regular file, gone, or changed while it was read (the caller streams it then).
   */
  async load(routeKey: string, file: string, contentType: string): Promise<CachedFile | null> {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      return null;
    }
    try {
      const before = await handle.stat();
      if (!before.isFile() || before.size > this.maxFileBytes) return null;
      const body = await handle.readFile();
      const after = await handle.stat();
      // Written to while we read: serve it from disk this time, and cache it at a quieter moment.
      if (!sameIdentity(identityOf(before), after) || body.length !== after.size) return null;
      const entry: CachedFile = {
        file,
        body,
        modifiedSecondsMs: Math.floor(after.mtimeMs / 1000) * 1000,
        identity: identityOf(after),
        headers: {
          'Content-Type': contentType,
          'Content-Length': body.length,
          'Last-Modified': after.mtime.toUTCString(),
          'X-Content-Type-Options': 'nosniff',
        },
      };
      this.remember(routeKey, entry);
      return entry;
    } catch {
      return null;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private remember(routeKey: string, entry: CachedFile): void {
    this.forget(entry.file);
    this.files.set(entry.file, entry);
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
