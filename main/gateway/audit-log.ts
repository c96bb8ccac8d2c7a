import { mkdirSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const NEWLINE = 0x0a;

/** Where and how much: `<dataDir>/audit/audit.log`, rotated by size into audit.log.1 .. audit.log.(maxFiles-1). */
export interface AuditLogOptions {
  dataDir: string;
  /** Rotate when the current file would grow past this (default 10 MB). */
  maxBytes?: number;
  /** Files kept, the current one included (default 5). */
  maxFiles?: number;
  /** A write failed (disk full, permissions): the records stay in memory and the next flush retries. */
  onError?(error: Error): void;
}

/** The audit log: JSON lines on disk. The gateway writes it; live listeners are the controller's (gateway-controller.ts). */
export interface AuditLog {
  readonly path: string;
  /**
   * Records already in their JSON-lines form, UTF-8 (whole lines, each JSON.stringify(record) and
   * "\n"), as the gateway batches them: written as they are, with no work per record. `release`
   * is called once the log no longer reads `bytes` (written, or copied to be retried after a
   * failed write), so the caller can fill them again.
   */
  appendLines(bytes: Uint8Array, release?: () => void): void;
  /** Resolves once everything written so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The bytes in as few write calls as the system allows, one for a regular file: FileHandle.appendFile
 * would take every batch through writeFile's machinery (512 KB chunks, abort checks) instead.
 */
async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; ) at += (await file.write(bytes, at)).bytesWritten;
}

/**
 * Open the audit log. Writing is asynchronous and batched: under load the gateway writes thousands of
 * records a second from the event loop that serves its requests, so one write per batch and never a
 * synchronous one, which would hold every connection up whenever the disk is slow.
 */
export function openAuditLog(options: AuditLogOptions): AuditLog {
  const dir = join(options.dataDir, 'audit');
  const path = join(dir, 'audit.log');
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxFiles = Math.max(1, options.maxFiles ?? 5);
  /** Byte chunks of whole lines, in order, not yet on disk. */
  let queue: Uint8Array[] = [];
  /** The callers' release callbacks of the chunks in `queue`. */
  let releases: (() => void)[] = [];
  let handle: FileHandle | null = null;
  let size = 0;
  let flushing: Promise<void> | null = null;
  let closed = false;
  mkdirSync(dir, { recursive: true });

  async function current(): Promise<FileHandle> {
    if (!handle) {
      handle = await open(path, 'a', 0o600);
      size = (await handle.stat()).size;
    }
    return handle;
  }

  /** audit.log -> audit.log.1 -> ... -> audit.log.(maxFiles-1); the oldest is dropped. */
  async function rotate(): Promise<void> {
    await handle?.close();
    handle = null;
    if (maxFiles === 1) {
      await rm(path, { force: true });
      return;
    }
    await rm(`${path}.${maxFiles - 1}`, { force: true });
    for (let n = maxFiles - 2; n >= 1; n--) await rename(`${path}.${n}`, `${path}.${n + 1}`).catch(() => undefined);
    await rename(path, `${path}.1`).catch(() => undefined);
  }

  /**
   * How many bytes of `chunk` (whole lines) go into a file holding `used` bytes: the lines that fit
   * under maxBytes, or, in an empty file, at least the first line (one line larger than maxBytes
   * still goes in, alone, rather than being lost). 0: rotate first.
   */
  function fitting(chunk: Uint8Array, used: number): number {
    if (used + chunk.length <= maxBytes) return chunk.length;
    const room = maxBytes - used;
    const lastFitting = room > 0 ? chunk.lastIndexOf(NEWLINE, room - 1) : -1;
    if (lastFitting >= 0) return lastFitting + 1;
    if (used > 0) return 0;
    const first = chunk.indexOf(NEWLINE);
    return first >= 0 ? first + 1 : chunk.length;
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const chunks = queue;
      const released = releases;
      queue = [];
      releases = [];
      let pending: Uint8Array = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      try {
        // Fill the current file up to maxBytes, rotate, go on: a batch may span files.
        while (pending.length > 0) {
          let file = await current();
          let take = fitting(pending, size);
          if (take === 0) {
            await rotate();
            file = await current();
            take = fitting(pending, size);
          }
          await writeAll(file, pending.subarray(0, take));
          size += take;
          pending = pending.subarray(take);
        }
      } catch (error) {
        // What was not written goes first next time; what was is not written twice. A copy (not
        // Buffer's slice(), which shares the bytes): the caller refills its buffer once released.
        queue.unshift(new Uint8Array(pending));
        options.onError?.(error as Error);
        await handle?.close().catch(() => undefined);
        handle = null;
        return;
      } finally {
        for (const release of released) release();
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= drain().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return {
    path,
    appendLines(bytes, release) {
      if (closed || bytes.length === 0) {
        release?.();
        return;
      }
      queue.push(bytes);
      if (release) releases.push(release);
      void flush();
    },
    async flush() {
      // A drain that is running may have taken its batch before the latest writes: wait for it, then drain again.
      while (flushing || queue.length > 0) {
        const before = queue.length;
        await flush();
        if (queue.length > 0 && queue.length === before) break;
      }
    },
    async close() {
      await this.flush();
      closed = true;
      await handle?.close();
      handle = null;
    },
  };
}
