/** A store document as it is on disk: one JSON object at the top level. */
export type JsonDocument = Record<string, unknown>;

/** A parsed document, or why the text is not one (worded for an administrator's notice). */
export type ParsedDocument = { ok: true; document: JsonDocument } | { ok: false; reason: string };

/** Parse a store file's text; never throws, so callers decide what a bad file means. */
export function parseJsonDocument(text: string): ParsedDocument {
  // Editors on Windows like to add a byte-order mark; it is not corruption.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, reason: 'the file is empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (!isJsonObject(value)) return { ok: false, reason: `the file holds ${describeJsonValue(value)}, not a JSON object` };
  return { ok: true, document: value };
}

/** True for what JSON.parse gives for `{...}` (and for object literals): not null, not an array, no class. */
export function isJsonObject(value: unknown): value is JsonDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Throw (a programming error, not a domain one) unless `value` can be a store document. */
export function assertJsonDocument(value: unknown, location: string): asserts value is JsonDocument {
  if (!isJsonObject(value)) throw new TypeError(`${location}: a document must be a plain JSON object, got ${describeJsonValue(value)}`);
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'a class'}`;
  return `a ${typeof value}`;
}

/**
 * Freeze a document and everything in it, so a caller that mutates what read() returned fails loudly
 * instead of silently changing the cached state. Already frozen subtrees are skipped: a new document
 * usually shares most of its objects with the previous (frozen) one, so freezing it stays cheap.
 */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null || Object.isFrozen(item) || ArrayBuffer.isView(item)) continue;
    Object.freeze(item);
    for (const key of Object.keys(item)) pending.push((item as Record<string, unknown>)[key]);
  }
  return value;
}
