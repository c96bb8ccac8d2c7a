import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RequestTarget } from './gateway-connection';
import { sendError } from './refusal-response';
import type { CachedFile, StaticFileCache } from './static-file-cache';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/** The content type for a file name; unknown extensions are served as bytes (IIS would refuse them, 404.3). */
export const contentTypeOf = (file: string): string => CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** The file a normalized request path names inside `root`, or null when it would leave it. */
export function resolveInside(root: string, path: string): string | null {
  if (path.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  return file === base || file.startsWith(base + sep) ? file : null;
}

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/** 304 when the client's copy is current, else the file from memory (no body for HEAD). */
function sendCached(req: IncomingMessage, res: ServerResponse, entry: CachedFile): void {
  const since = req.headers['if-modified-since'];
  if (since && Date.parse(since) >= entry.modifiedSecondsMs) {
    res.writeHead(304, { 'Last-Modified': entry.headers['Last-Modified']! });
    res.end();
    return;
  }
  res.writeHead(200, entry.headers);
  if (req.method === 'HEAD') res.end();
  // latin1: a string body's characters are its bytes (static-file-cache.ts); a Buffer ignores it.
  else res.end(entry.body, 'latin1');
}

/** The request path without its query: its trailing slash decides between a folder's index and its redirect. */
const rawPathOf = (target: string): string => {
  const query = target.indexOf('?');
  return query >= 0 ? target.slice(0, query) : target;
};

/** The cache key of a request under `directory`, made once per request target (the normalized path drops the trailing slash). */
function cacheKeyOf(directory: string, requested: RequestTarget): string {
  const memo = requested.staticKey;
  if (memo && memo.directory === directory) return memo.key;
  const key = `${directory}\0${requested.path}${rawPathOf(requested.target).endsWith('/') ? '/' : ''}`;
  requested.staticKey = { directory, key };
  return key;
}

/**
 * Serve the request's path (normalized: decoded, dot segments resolved) from `directory`: index.html
 * for a folder (after IIS's courtesy redirect to the slash-terminated URL), 404 for anything
 * missing. Small files come from `cache` (static-file-cache.ts) at once, with no promise made;
 * the rest, and every miss, from disk: then the returned promise settles when the answer is sent.
 */
export function serveStatic(req: IncomingMessage, res: ServerResponse, directory: string, requested: RequestTarget, cache: StaticFileCache): Promise<void> | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 });
    res.end();
    return undefined;
  }
  const routeKey = cacheKeyOf(directory, requested);
  const cached = cache.lookup(routeKey);
  if (cached) {
    sendCached(req, res, cached);
    return undefined;
  }
  return serveFromDisk(req, res, directory, requested, routeKey, cache);
}

async function serveFromDisk(req: IncomingMessage, res: ServerResponse, directory: string, requested: RequestTarget, routeKey: string, cache: StaticFileCache): Promise<void> {
  const { target, path } = requested;
  const rawPath = rawPathOf(target);
  let file = resolveInside(directory, path);
  if (!file) return sendError(res, 404, null);
  let info = await statOrNull(file);
  if (info?.isDirectory()) {
    if (!rawPath.endsWith('/')) {
      res.writeHead(301, { Location: `${rawPath}/${target.slice(rawPath.length)}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    file = resolve(file, 'index.html');
    info = await statOrNull(file);
  }
  if (!info?.isFile()) return sendError(res, 404, null);
  if (info.size <= cache.maxFileBytes) {
    const loaded = await cache.load(routeKey, file, contentTypeOf(file), resolve(directory));
    if (loaded) return sendCached(req, res, loaded);
  }
  const lastModified = info.mtime.toUTCString();
  const since = req.headers['if-modified-since'];
  if (since && Date.parse(since) >= Math.floor(info.mtimeMs / 1000) * 1000) {
    res.writeHead(304, { 'Last-Modified': lastModified });
    res.end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': info.size,
    'Last-Modified': lastModified,
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file), res);
  } catch {
    // The client went away, or the file vanished mid-read: the status is already sent, so just close.
    res.destroy();
  }
}
