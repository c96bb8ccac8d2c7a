import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { certificateLayout } from '../certificates/codec/certificate';

/**
 * SHA-256 of a public key's SubjectPublicKeyInfo as node:crypto re-encodes it, so a certificate
 * whose authority re-encoded the key (compressed EC point, other parameters) still finds it.
 */
export function spkiIdOfKey(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** The same id for a certificate's public key; undefined for a key type node:crypto cannot load. */
export function spkiIdOfCertificate(der: Uint8Array): string | undefined {
  try {
    const { spki } = certificateLayout(der);
    return spkiIdOfKey(createPublicKey({ key: Buffer.from(der.subarray(spki.start, spki.end)), format: 'der', type: 'spki' }));
  } catch {
    return undefined;
  }
}
