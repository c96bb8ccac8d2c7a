/**
 * Key pairs for requests and for the local authority.
 *
 *   generateKeyPair(alg: KeyAlgorithm): Promise<GeneratedKeyPair>
 *     -> { algorithm, privateKeyPkcs8 (DER), publicKeySpki (DER), spkiSha256 (hex),
 *          cryptoKeys (webcrypto CryptoKeyPair, usable with @peculiar/x509 generators),
 *          signingAlgorithm (pass as signingAlgorithm to @peculiar/x509) }
 *   loadKeyPair(pkcs8: Uint8Array): Promise<GeneratedKeyPair>
 *     -> the same shape for a key already held (the vault, an imported PFX): renewing with the same
 *        key, or an authority signing with its stored key. Throws DomainError for unusable keys.
 *   useNodeWebCrypto(): points @peculiar/x509 at node's webcrypto (idempotent).
 *
 * KeyAlgorithm: 'ec-p256' | 'ec-p384' | 'rsa-2048' | 'rsa-3072' | 'rsa-4096' | 'ed25519'
 * (shared/models/key.ts). RSA keys sign with RSASSA-PKCS1-v1_5/SHA-256, P-256 with SHA-256,
 * P-384 with SHA-384.
 */
import 'reflect-metadata';
import { createHash, createPublicKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DomainError } from '../../../shared/errors';
import { KEY_ALGORITHMS, type KeyAlgorithm } from '../../../shared/models/key';
import { describeKeyObject, keyAlgorithmOfKeyObject, privateKeyFromPkcs8, WEBCRYPTO_ALGORITHMS } from './key-algorithms';

export type { KeyAlgorithm } from '../../../shared/models/key';
export { KEY_ALGORITHMS } from '../../../shared/models/key';

export type CryptoKeyPair = webcrypto.CryptoKeyPair;

export interface GeneratedKeyPair {
  algorithm: KeyAlgorithm;
  privateKeyPkcs8: Uint8Array;
  publicKeySpki: Uint8Array;
  /** Lowercase hex SHA-256 of the SPKI DER: how a pending key finds its certificate. */
  spkiSha256: string;
  cryptoKeys: CryptoKeyPair;
  signingAlgorithm: { name: string; hash?: string };
}

export function useNodeWebCrypto(): void {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
}

export function spkiSha256(spki: Uint8Array): string {
  return createHash('sha256').update(spki).digest('hex');
}

export function isKeyAlgorithm(value: string): value is KeyAlgorithm {
  return (KEY_ALGORITHMS as readonly string[]).includes(value);
}

export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<GeneratedKeyPair> {
  const params = WEBCRYPTO_ALGORITHMS[algorithm];
  if (!params) throw new DomainError('INVALID_INPUT', `Unknown key algorithm "${String(algorithm)}": use one of ${KEY_ALGORITHMS.join(', ')}.`);
  const keys = (await webcrypto.subtle.generateKey(params.generate, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateKeyPkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const publicKeySpki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  return { algorithm, privateKeyPkcs8, publicKeySpki, spkiSha256: spkiSha256(publicKeySpki), cryptoKeys: keys, signingAlgorithm: params.signing };
}

export async function loadKeyPair(pkcs8: Uint8Array): Promise<GeneratedKeyPair> {
  const keyObject = privateKeyFromPkcs8(pkcs8);
  const algorithm = keyAlgorithmOfKeyObject(keyObject);
  if (!algorithm) {
    throw new DomainError('INVALID_INPUT', `A ${describeKeyObject(keyObject)} key cannot sign requests or certificates here: use ${KEY_ALGORITHMS.join(', ')}.`);
  }
  const params = WEBCRYPTO_ALGORITHMS[algorithm];
  // Re-export through node so the PKCS#8 webcrypto sees is canonical (OpenSSL writes EC keys with
  // optional fields webcrypto rejects in some versions).
  const canonical = new Uint8Array(keyObject.export({ type: 'pkcs8', format: 'der' }));
  const publicKeySpki = new Uint8Array(createPublicKey(keyObject).export({ type: 'spki', format: 'der' }));
  const privateKey = await webcrypto.subtle.importKey('pkcs8', canonical, params.import, true, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', publicKeySpki, params.import, true, ['verify']);
  return {
    algorithm,
    privateKeyPkcs8: canonical,
    publicKeySpki,
    spkiSha256: spkiSha256(publicKeySpki),
    cryptoKeys: { privateKey, publicKey },
    signingAlgorithm: params.signing,
  };
}
