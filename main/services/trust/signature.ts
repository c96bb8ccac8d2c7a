import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readOid, readTlv, TAG, type Tlv } from '../certificates/codec/der';
import { encodeTlv } from '../certificates/codec/der-writer';

/** The signed parts of a certificate or CRL: what was signed, how, and the signature value. */
export interface SignedParts {
  tbs: Uint8Array;
  algorithmOid: string;
  /** DER of the AlgorithmIdentifier (whole element), to compare inner and outer algorithms. */
  algorithmDer: Uint8Array;
  /** Parameters element of the AlgorithmIdentifier, when present (RSA-PSS needs it). */
  algorithmParams: Uint8Array | null;
  signature: Uint8Array;
}

/** Outcome of one signature check: 'unsupported' covers unreadable keys and refused algorithms. */
export type SignatureOutcome = 'ok' | 'bad' | 'unsupported';

const RSA: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.3.14.3.2.29': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const ECDSA_OR_DSA: Record<string, string> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha1',
  '2.16.840.1.101.3.4.3.1': 'sha224',
  '2.16.840.1.101.3.4.3.2': 'sha256',
};
const EDDSA = new Set(['1.3.101.112', '1.3.101.113']);
const RSA_PSS = '1.2.840.113549.1.1.10';
const DSA_KEY = '1.2.840.10040.4.1';
const HASH_BY_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Read Certificate / CertificateList: TBS, signatureAlgorithm, signatureValue (the outer SEQUENCE at `outer`). */
export function signedPartsOf(der: Uint8Array, outer: Tlv): SignedParts {
  const tbs = readTlv(der, outer.contentStart, outer.contentEnd);
  const alg = readTlv(der, tbs.end, outer.contentEnd);
  const sig = readTlv(der, alg.end, outer.contentEnd);
  if (alg.tag !== TAG.SEQUENCE || sig.tag !== TAG.BIT_STRING || sig.contentEnd === sig.contentStart) throw new Error('not a signed structure');
  const oidTlv = readTlv(der, alg.contentStart, alg.contentEnd);
  const params = oidTlv.end < alg.contentEnd ? readTlv(der, oidTlv.end, alg.contentEnd) : null;
  return {
    tbs: der.subarray(tbs.start, tbs.end),
    algorithmOid: readOid(der, oidTlv),
    algorithmDer: der.subarray(alg.start, alg.end),
    algorithmParams: params && params.tag !== TAG.NULL ? der.subarray(params.start, params.end) : null,
    signature: der.subarray(sig.contentStart + 1, sig.contentEnd),
  };
}

/** RSASSA-PSS-params (RFC 4055): hash, MGF1 hash, salt length; null when Node cannot express them. */
function pssOptions(params: Uint8Array | null): { hash: string; saltLength: number } | null {
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let saltLength = 20;
  if (params) {
    const seq = readTlv(params, 0, params.length);
    for (let p = seq.contentStart; p < seq.contentEnd; ) {
      const field = readTlv(params, p, seq.contentEnd);
      p = field.end;
      const inner = readTlv(params, field.contentStart, field.contentEnd);
      if (field.tag === 0xa0) hash = HASH_BY_OID[readOid(params, readTlv(params, inner.contentStart, inner.contentEnd))] ?? '?';
      else if (field.tag === 0xa1) {
        const mgfOid = readTlv(params, inner.contentStart, inner.contentEnd);
        const mgfHashAlg = readTlv(params, mgfOid.end, inner.contentEnd);
        mgfHash = HASH_BY_OID[readOid(params, readTlv(params, mgfHashAlg.contentStart, mgfHashAlg.contentEnd))] ?? '?';
      } else if (field.tag === 0xa2) {
        saltLength = 0;
        for (let i = inner.contentStart; i < inner.contentEnd; i++) saltLength = saltLength * 256 + params[i]!;
      }
    }
  }
  // Node's PSS verification always uses MGF1 with the message hash.
  return hash !== '?' && hash === mgfHash ? { hash, saltLength } : null;
}

/** Verify `signed` with `key`. MD5 and unknown algorithms are 'unsupported', never 'ok'. */
export function verifySignature(signed: SignedParts, key: KeyObject): SignatureOutcome {
  const data = signed.tbs;
  const oid = signed.algorithmOid;
  try {
    if (RSA[oid]) return verify(RSA[oid], data, { key, padding: constants.RSA_PKCS1_PADDING }, signed.signature) ? 'ok' : 'bad';
    if (ECDSA_OR_DSA[oid]) return verify(ECDSA_OR_DSA[oid], data, { key, dsaEncoding: 'der' }, signed.signature) ? 'ok' : 'bad';
    if (EDDSA.has(oid)) return verify(null, data, key, signed.signature) ? 'ok' : 'bad';
    if (oid === RSA_PSS) {
      const pss = pssOptions(signed.algorithmParams);
      if (!pss) return 'unsupported';
      const options = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength };
      return verify(pss.hash, data, options, signed.signature) ? 'ok' : 'bad';
    }
    return 'unsupported';
  } catch {
    // A key of the wrong type for the algorithm, or a malformed signature encoding.
    return 'bad';
  }
}

/** A public key from SubjectPublicKeyInfo DER, or null when node:crypto cannot read it. */
export function publicKeyOf(spki: Uint8Array): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.length), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/**
 * RFC 5280 6.1.4 (e)-(f): a DSA key without parameters inherits them from its issuer's key.
 * Returns the child's SPKI rebuilt with the parameters, or null when inheritance does not apply.
 */
export function inheritDsaParameters(childSpki: Uint8Array, issuerSpki: Uint8Array): Uint8Array | null {
  const read = (spki: Uint8Array) => {
    const seq = readTlv(spki, 0, spki.length);
    const alg = readTlv(spki, seq.contentStart, seq.contentEnd);
    const oid = readTlv(spki, alg.contentStart, alg.contentEnd);
    const params = oid.end < alg.contentEnd ? readTlv(spki, oid.end, alg.contentEnd) : null;
    return { seq, alg, oid, params, key: readTlv(spki, alg.end, seq.contentEnd), oidText: readOid(spki, oid) };
  };
  try {
    const child = read(childSpki);
    if (child.oidText !== DSA_KEY || child.params) return null;
    const issuer = read(issuerSpki);
    if (issuer.oidText !== DSA_KEY || !issuer.params) return null;
    const alg = encodeTlv(TAG.SEQUENCE, childSpki.subarray(child.oid.start, child.oid.end), issuerSpki.subarray(issuer.params.start, issuer.params.end));
    return encodeTlv(TAG.SEQUENCE, alg, childSpki.subarray(child.key.start, child.key.end));
  } catch {
    return null;
  }
}
