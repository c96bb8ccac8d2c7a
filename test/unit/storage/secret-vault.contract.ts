import { afterEach, describe, expect, it } from 'vitest';
import type { SecretVault } from '../../../main/ports';

/** How the contract opens a vault of one implementation; `cleanup` runs after each test. */
export interface SecretVaultSubject {
  vault: SecretVault;
  cleanup(): void;
}

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** What every SecretVault does, run against the in-memory fake and the encrypted file vault. */
export function secretVaultContract(label: string, makeSubject: () => SecretVaultSubject): void {
  describe(`SecretVault contract: ${label}`, () => {
    let subject: SecretVaultSubject | undefined;
    const vault = (): SecretVault => (subject ??= makeSubject()).vault;
    afterEach(() => {
      subject?.cleanup();
      subject = undefined;
    });

    it('knows nothing before anything was put', () => {
      expect(vault().get('missing')).toBeUndefined();
      expect(vault().has('missing')).toBe(false);
    });

    it('gives back what was put, as a plain Uint8Array', () => {
      vault().put('key:a', bytes('secret a'));
      const got = vault().get('key:a');
      expect(got).toBeInstanceOf(Uint8Array);
      expect(got?.constructor).toBe(Uint8Array);
      expect(got).toEqual(bytes('secret a'));
      expect(vault().has('key:a')).toBe(true);
    });

    it('keeps every byte value and any length, including empty', () => {
      const all = new Uint8Array(256).map((_, i) => i);
      const large = new Uint8Array(64 * 1024).map((_, i) => (i * 31) % 256);
      vault().put('all', all);
      vault().put('large', large);
      vault().put('empty', new Uint8Array(0));
      expect(vault().get('all')).toEqual(all);
      // Compared as buffers: element-wise toEqual on 64 KiB is needlessly slow.
      expect(Buffer.from(vault().get('large')!).equals(large)).toBe(true);
      expect(vault().get('empty')).toEqual(new Uint8Array(0));
      expect(vault().has('empty')).toBe(true);
    });

    it('replaces a secret put again under the same id', () => {
      vault().put('id', bytes('old'));
      vault().put('id', bytes('new'));
      expect(vault().get('id')).toEqual(bytes('new'));
    });

    it('deletes one secret and leaves the others', () => {
      vault().put('a', bytes('A'));
      vault().put('b', bytes('B'));
      vault().delete('a');
      expect(vault().has('a')).toBe(false);
      expect(vault().get('a')).toBeUndefined();
      expect(vault().get('b')).toEqual(bytes('B'));
    });

    it('ignores deleting an id it does not have', () => {
      expect(() => vault().delete('never')).not.toThrow();
      expect(vault().has('never')).toBe(false);
    });

    it('is not changed through the arrays passed in or handed out', () => {
      const input = bytes('original');
      vault().put('id', input);
      input.fill(0);
      const out = vault().get('id')!;
      out.fill(0);
      expect(vault().get('id')).toEqual(bytes('original'));
    });

    it('keeps ids apart, whatever characters they hold', () => {
      const ids = ['certificate-key:ab12', 'certificate-key:AB12', 'mapping:ü/ü', 'with "quotes" and \\', ''];
      ids.forEach((id, i) => vault().put(id, bytes(`secret ${i}`)));
      ids.forEach((id, i) => expect(vault().get(id)).toEqual(bytes(`secret ${i}`)));
    });
  });
}
