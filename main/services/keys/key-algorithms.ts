import { createPrivateKey, type KeyObject } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { KeyAlgorithm } from '../../../shared/models/key';

/** WebCrypto parameters of one key algorithm: how to generate it, import it and sign with it. */
export interface WebCryptoAlgorithm {
  generate: RsaHashedKeyGenParams | EcKeyGenParams | { name: 'Ed25519' };
  import: RsaHashedImportParams | EcKeyImportParams | { name: 'Ed25519' };
  /** What @peculiar/x509 generators take as signingAlgorithm for this key. */
  signing: { name: string; hash?: string };
}

type RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5'; modulusLength: number; publicExponent: Uint8Array; hash: string };
type RsaHashedImportParams = { name: 'RSASSA-PKCS1-v1_5'; hash: string };
type EcKeyGenParams = { name: 'ECDSA'; namedCurve: string };
type EcKeyImportParams = EcKeyGenParams;

const F4 = Uint8Array.of(1, 0, 1);

function rsa(modulusLength: number): WebCryptoAlgorithm {
  // SHA-256 for every RSA size: what public CAs and TLS stacks expect from an RSA key's signatures.
  return {
    generate: { name: 'RSASSA-PKCS1-v1_5', modulusLength, publicExponent: F4, hash: 'SHA-256' },
    import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    signing: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  };
}

function ec(namedCurve: 'P-256' | 'P-384', hash: string): WebCryptoAlgorithm {
  return { generate: { name: 'ECDSA', namedCurve }, import: { name: 'ECDSA', namedCurve }, signing: { name: 'ECDSA', hash } };
}

export const WEBCRYPTO_ALGORITHMS: Record<KeyAlgorithm, WebCryptoAlgorithm> = {
  'ec-p256': ec('P-256', 'SHA-256'),
  'ec-p384': ec('P-384', 'SHA-384'),
  'rsa-2048': rsa(2048),
  'rsa-3072': rsa(3072),
  'rsa-4096': rsa(4096),
  ed25519: { generate: { name: 'Ed25519' }, import: { name: 'Ed25519' }, signing: { name: 'Ed25519' } },
};

const RSA_SIZES: Record<number, KeyAlgorithm> = { 2048: 'rsa-2048', 3072: 'rsa-3072', 4096: 'rsa-4096' };
const CURVES: Record<string, KeyAlgorithm> = { prime256v1: 'ec-p256', 'P-256': 'ec-p256', secp384r1: 'ec-p384', 'P-384': 'ec-p384' };

/** Which of our algorithms a key is, or undefined for keys CertMapper can hold but not sign requests with. */
export function keyAlgorithmOfKeyObject(key: KeyObject): KeyAlgorithm | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return RSA_SIZES[details.modulusLength ?? 0];
    case 'ec':
      return CURVES[details.namedCurve ?? ''];
    case 'ed25519':
      return 'ed25519';
    default:
      return undefined;
  }
}

/** A readable name for any private key (also those outside KEY_ALGORITHMS, e.g. RSA 1024 from an old PFX). */
export function describeKeyObject(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return `RSA ${details.modulusLength ?? '?'}`;
    case 'ec':
      return `ECDSA ${details.namedCurve === 'prime256v1' ? 'P-256' : details.namedCurve === 'secp384r1' ? 'P-384' : details.namedCurve === 'secp521r1' ? 'P-521' : (details.namedCurve ?? '?')}`;
    default:
      return key.asymmetricKeyType ? key.asymmetricKeyType.toUpperCase().replace('ED', 'Ed') : 'unknown';
  }
}

/** Load PKCS#8 DER as a node KeyObject, with a clear error when it is not a private key. */
export function privateKeyFromPkcs8(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new DomainError('MALFORMED', `The private key could not be read: ${(error as Error).message}.`);
  }
}
