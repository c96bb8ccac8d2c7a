import { describe, expect, it } from 'vitest';
import { deepFreeze, parseJsonDocument } from '../../../main/storage/json-document';
import { packSecret, unpackSecret } from '../../../main/storage/secret-envelope';

describe('parseJsonDocument', () => {
  it('accepts a JSON object, also after a byte-order mark', () => {
    expect(parseJsonDocument('{"a":1}')).toEqual({ ok: true, document: { a: 1 } });
    expect(parseJsonDocument('\ufeff{"a":1}')).toEqual({ ok: true, document: { a: 1 } });
  });

  it.each([
    ['', 'the file is empty'],
    ['  \n', 'the file is empty'],
    ['{"version":1,"items":{"a"', 'JSON'],
    ['garbage', 'not valid JSON'],
    ['[1,2]', 'the file holds an array, not a JSON object'],
    ['null', 'the file holds null, not a JSON object'],
    ['42', 'the file holds a number, not a JSON object'],
    ['"text"', 'the file holds a string, not a JSON object'],
  ])('says why %j is not a document', (text, reason) => {
    const parsed = parseJsonDocument(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('deepFreeze', () => {
  it('freezes every nested object and array', () => {
    const doc = deepFreeze({ a: { b: [{ c: 1 }] } });
    expect(Object.isFrozen(doc.a.b[0])).toBe(true);
    expect(Object.isFrozen(doc.a.b)).toBe(true);
  });

  it('leaves typed arrays alone (they cannot be frozen) and handles deep nesting without recursion', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = (deep.next = {}) as Record<string, unknown>;
    expect(() => deepFreeze({ root, bytes: new Uint8Array(4) })).not.toThrow();
    expect(Object.isFrozen(deep)).toBe(true);
  });
});

describe('secret envelope', () => {
  it('round-trips the secret for its own id and refuses another id', () => {
    const packed = packSecret('certificate-key:aa', new Uint8Array([1, 2, 3]));
    expect(unpackSecret('certificate-key:aa', packed)).toEqual(new Uint8Array([1, 2, 3]));
    expect(() => unpackSecret('certificate-key:bb', packed)).toThrow(/sealed for "certificate-key:aa"/);
    expect(() => unpackSecret('x', packed.subarray(0, 3))).toThrow(/unknown format/);
  });
});
