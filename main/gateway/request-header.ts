import type { IncomingMessage } from 'node:http';

/**
 * The first value of one request header, found in `rawHeaders` (name, value, name, value, ...).
 * Reading `req.headers` makes Node build an object of every header the client sent, on first use;
 * for an HTTP/1.0 request Node itself never does, and the static path only needs Host and
 * If-Modified-Since. The first value is what `req.headers` keeps for both (Node drops repeats);
 * for a header Node joins when repeated (most others), this is only the first value.
 * `lowerName` is lower case.
 */
export function requestHeader(req: IncomingMessage, lowerName: string): string | undefined {
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (sameNameIgnoringCase(raw[i]!, lowerName)) return raw[i + 1];
  }
  return undefined;
}

/** ASCII case-insensitive equality against a lower-case name, without making a lower-cased copy. */
function sameNameIgnoringCase(name: string, lowerName: string): boolean {
  if (name.length !== lowerName.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const folded = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (folded !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}
