import { bitStringBytes, firstChild, nextSibling, readOid, readTlv, TAG, type Tlv } from './der';
import { CURVES, KEY_ALGORITHMS } from './oids';

/** What the list shows about a public key: "RSA 2048", "ECDSA P-256", "Ed25519", and its size in bits. */
export interface KeyDescription {
  keyAlgorithm: string;
  keySize: number | null;
}

function integerBits(buf: Uint8Array, tlv: Tlv): number {
  let i = tlv.contentStart;
  while (i < tlv.contentEnd && buf[i] === 0) i++;
  if (i === tlv.contentEnd) return 0;
  return (tlv.contentEnd - i - 1) * 8 + (32 - Math.clz32(buf[i]!));
}

/**
 * Describe a SubjectPublicKeyInfo. Never throws: an odd key (explicit curve parameters, unknown
 * algorithm) is described as well as it can be, because the certificate itself is still valid.
 */
export function describePublicKey(buf: Uint8Array, spki: Tlv): KeyDescription {
  try {
    const algId = readTlv(buf, spki.contentStart, spki.contentEnd);
    const oidTlv = readTlv(buf, algId.contentStart, algId.contentEnd);
    const oid = readOid(buf, oidTlv);
    const params = nextSibling(buf, algId, oidTlv);
    const keyBits = readTlv(buf, algId.end, spki.contentEnd);
    switch (oid) {
      case KEY_ALGORITHMS.RSA:
      case KEY_ALGORITHMS.RSA_PSS: {
        const key = bitStringBytes(buf, keyBits);
        const seq = readTlv(key, 0, key.length);
        const modulus = firstChild(key, seq);
        const bits = modulus && modulus.tag === TAG.INTEGER ? integerBits(key, modulus) : null;
        const name = oid === KEY_ALGORITHMS.RSA ? 'RSA' : 'RSA-PSS';
        return { keyAlgorithm: bits ? `${name} ${bits}` : name, keySize: bits };
      }
      case KEY_ALGORITHMS.EC: {
        if (params && params.tag === TAG.OID) {
          const curveOid = readOid(buf, params);
          const curve = CURVES[curveOid];
          if (curve) return { keyAlgorithm: `ECDSA ${curve.name}`, keySize: curve.bits };
          return { keyAlgorithm: `ECDSA ${curveOid}`, keySize: ecPointBits(buf, keyBits) };
        }
        // Explicit curve parameters (RFC 5480 forbids them, but such certificates exist).
        return { keyAlgorithm: 'ECDSA (explicit curve)', keySize: ecPointBits(buf, keyBits) };
      }
      case KEY_ALGORITHMS.ED25519:
        return { keyAlgorithm: 'Ed25519', keySize: 256 };
      case KEY_ALGORITHMS.ED448:
        return { keyAlgorithm: 'Ed448', keySize: 448 };
      case KEY_ALGORITHMS.X25519:
        return { keyAlgorithm: 'X25519', keySize: 256 };
      case KEY_ALGORITHMS.X448:
        return { keyAlgorithm: 'X448', keySize: 448 };
      case KEY_ALGORITHMS.DSA: {
        const p = params && params.tag === TAG.SEQUENCE ? firstChild(buf, params) : null;
        const bits = p && p.tag === TAG.INTEGER ? integerBits(buf, p) : null;
        return { keyAlgorithm: bits ? `DSA ${bits}` : 'DSA', keySize: bits };
      }
      default:
        return { keyAlgorithm: oid, keySize: null };
    }
  } catch {
    return { keyAlgorithm: 'unknown', keySize: null };
  }
}

// Uncompressed point 04||X||Y: the field size is half of what follows the 04.
function ecPointBits(buf: Uint8Array, keyBits: Tlv): number | null {
  const point = bitStringBytes(buf, keyBits);
  if (point[0] === 0x04 && point.length > 1) return ((point.length - 1) / 2) * 8;
  if ((point[0] === 0x02 || point[0] === 0x03) && point.length > 1) return (point.length - 1) * 8;
  return null;
}
