import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../../shared/errors';
import { decodeContainer, decodeContents, type DecodedContainer } from '../../main/services/certificates/codec';
import { conformancePath } from '../helpers/conformance';

/** One file of the public formats corpus (../shared/conformance/formats/MANIFEST.json). */
interface ManifestEntry {
  path: string;
  format: string;
  password: string | null;
  expected: string;
  notes?: string;
  certificates?: { sha256_fingerprint: string }[];
}

const manifest = JSON.parse(readFileSync(conformancePath('formats', 'MANIFEST.json'), 'utf8')) as { count: number; files: ManifestEntry[] };

/** "AB:CD:..." as the product writes fingerprints: lowercase hex. */
const fingerprint = (text: string) => text.replace(/:/g, '').toLowerCase();

/** Key-only files: CertMapper imports certificates, so a lone key is refused (after its password is checked). */
const isKeyOnly = (entry: ManifestEntry) => /^(key|pkcs8)/.test(entry.format);

/**
 * What CertMapper does with each implementation_dependent file (also in
 * main/services/certificates/codec/DECISIONS.md): 'parses' or the refusal code.
 */
const DECISIONS: Record<string, 'parses' | ErrorCode> = {
  'asn1crypto/sender_dummycorp.com.crt': 'parses',
  'limbo-assets/negative_serial.pem': 'parses',
  'oscrypto/test-pkcs8-blank-der.key': 'NOT_A_CERTIFICATE',
  'oscrypto/test-pkcs8-blank.key': 'NOT_A_CERTIFICATE',
  'oscrypto/test-pkcs8-des.key': 'NOT_A_CERTIFICATE',
  'rust-openssl/corrupted-rsa.pem': 'NOT_A_CERTIFICATE',
  'rustcrypto/ed25519-encpriv-aes128-gcm-scrypt.der': 'NOT_A_CERTIFICATE',
  'rustcrypto/ed25519-encpriv-aes256-gcm-scrypt.der': 'NOT_A_CERTIFICATE',
  'rustcrypto/ed25519-encpriv-des-pbkdf2-sha256.der': 'NOT_A_CERTIFICATE',
  'rustcrypto/example11.pfx': 'parses',
};

/** Codes that fit each refusal the manifest expects. */
const REFUSALS: Record<string, ErrorCode[]> = {
  no_certificate: ['NOT_A_CERTIFICATE'],
  rejected_empty: ['EMPTY'],
  rejected_malformed: ['MALFORMED', 'TRUNCATED'],
  rejected_wrong_type: ['NOT_A_CERTIFICATE'],
  rejected_integrity: ['INTEGRITY'],
};

type Outcome = { container: DecodedContainer; error?: undefined } | { error: DomainError; container?: undefined };

function read(path: string): Uint8Array {
  return new Uint8Array(readFileSync(conformancePath('formats', path)));
}

/**
 * A hang guard, not a speed claim (speed is measured by `npm run bench`): decoding is synchronous, so
 * a looping parser would stall the run; anything past this many CPU seconds counts as a hang.
 * (Two files run 600,000-iteration key derivations six times and need about a second.)
 */
const HANG_CPU_MS = 15_000;

/** CPU milliseconds (not wall time, so a busy machine does not look like a hang). */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Decode once: no file may hang, and only DomainErrors may escape. */
function decode(entry: ManifestEntry, password: string | undefined, decoder = decodeContainer): Outcome {
  const bytes = read(entry.path);
  const started = process.cpuUsage();
  try {
    return { container: decoder(bytes, { password }) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error; // a crash, not a refusal
    expect(error.message.length).toBeGreaterThan(15);
    return { error };
  } finally {
    expect(cpuMs(started)).toBeLessThan(HANG_CPU_MS);
  }
}

function expectCertificates(entry: ManifestEntry, outcome: Outcome): void {
  expect(outcome.error?.message).toBeUndefined();
  const found = new Set(outcome.container!.certificates.map((c) => c.sha256));
  const wanted = (entry.certificates ?? []).map((c) => fingerprint(c.sha256_fingerprint));
  expect(wanted.length).toBeGreaterThan(0);
  for (const sha256 of wanted) expect(found).toContain(sha256);
}

/** A lone key: refused with a reason, yet really decoded (decodeContents returns a loadable PKCS#8 key). */
function expectKeyOnly(entry: ManifestEntry, password: string | undefined): void {
  const outcome = decode(entry, password);
  expect(outcome.error?.code).toBe('NOT_A_CERTIFICATE');
  expect(outcome.error?.message).toMatch(/only a private key/);
  const contents = decode(entry, password, decodeContents);
  expect(contents.error?.message).toBeUndefined();
  expect(contents.container!.certificates).toHaveLength(0);
  expect(contents.container!.privateKeys.length).toBeGreaterThan(0);
  for (const key of contents.container!.privateKeys) {
    expect(() => createPrivateKey({ key: Buffer.from(key.pkcs8Der), format: 'der', type: 'pkcs8' })).not.toThrow();
  }
}

function expectOutcome(entry: ManifestEntry): void {
  const password = entry.password ?? undefined;
  const expected = entry.expected === 'implementation_dependent' ? DECISIONS[entry.path] : entry.expected;
  expect(expected, `no decision recorded for ${entry.path}`).toBeDefined();
  if (expected === 'parses' || expected === 'parses_with_password' || expected === 'parses_signature_invalid') {
    if (isKeyOnly(entry)) expectKeyOnly(entry, password);
    else expectCertificates(entry, decode(entry, password));
    return;
  }
  if (expected === 'NOT_A_CERTIFICATE' && isKeyOnly(entry)) {
    expectKeyOnly(entry, password);
    return;
  }
  const codes = REFUSALS[expected!] ?? [expected as ErrorCode];
  const outcome = decode(entry, password);
  expect(outcome.container, `${entry.path} should be refused`).toBeUndefined();
  expect(codes).toContain(outcome.error!.code);
}

describe('formats conformance corpus', () => {
  it('has the 149 files the README describes', () => {
    expect(manifest.files).toHaveLength(manifest.count);
    expect(manifest.count).toBe(149);
  });

  describe.each(manifest.files.map((entry) => [`${entry.path} (${entry.expected})`, entry] as const))('%s', (_name, entry) => {
    it('decodes to the expected outcome', () => expectOutcome(entry));

    if (entry.password !== null) {
      it('refuses the wrong password "definitely-wrong" with WRONG_PASSWORD', () => {
        const outcome = decode(entry, 'definitely-wrong');
        expect(outcome.error?.code).toBe('WRONG_PASSWORD');
      });
    }

    if (entry.password === '' && entry.expected === 'parses_with_password') {
      it('opens with no password given, like with the empty one', () => {
        if (isKeyOnly(entry)) expectKeyOnly(entry, undefined);
        else expectCertificates(entry, decode(entry, undefined));
      });
    }
  });
});
