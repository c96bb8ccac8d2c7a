import { expectTag, malformed, readTlv, TAG } from './der';
import { serialHex } from './certificate';
import { nameKeyOf, readName } from './names';
import { digestHex } from './text';
import { readTime } from './time';
import type { DecodedCrl } from './types';

/** Decode one DER CertificateList (RFC 5280 5.1). Throws DomainError (TRUNCATED / MALFORMED). */
export function decodeCrlDer(der: Uint8Array): DecodedCrl {
  const outer = readTlv(der, 0, der.length);
  if (outer.tag !== TAG.SEQUENCE) throw malformed('The data is not a certificate revocation list.');
  if (outer.end !== der.length) throw malformed(`The CRL has ${der.length - outer.end} unexpected bytes after its end.`);
  const tbs = expectTag(readTlv(der, outer.contentStart, outer.contentEnd), TAG.SEQUENCE, 'the to-be-signed part of a CRL');
  let field = readTlv(der, tbs.contentStart, tbs.contentEnd);
  if (field.tag === TAG.INTEGER) field = readTlv(der, field.end, tbs.contentEnd); // version (v2)
  expectTag(field, TAG.SEQUENCE, 'the CRL signature algorithm');
  const issuerTlv = expectTag(readTlv(der, field.end, tbs.contentEnd), TAG.SEQUENCE, 'the CRL issuer name');
  const issuer = readName(der, issuerTlv);
  const thisUpdateTlv = readTlv(der, issuerTlv.end, tbs.contentEnd);
  const thisUpdate = readTime(der, thisUpdateTlv);
  let nextUpdate: string | null = null;
  const revokedSerials: string[] = [];
  let p = thisUpdateTlv.end;
  while (p < tbs.contentEnd) {
    const item = readTlv(der, p, tbs.contentEnd);
    p = item.end;
    if (item.tag === TAG.UTC_TIME || item.tag === TAG.GENERALIZED_TIME) {
      nextUpdate = readTime(der, item);
    } else if (item.tag === TAG.SEQUENCE) {
      let q = item.contentStart;
      while (q < item.contentEnd) {
        const entry = readTlv(der, q, item.contentEnd);
        q = entry.end;
        revokedSerials.push(serialHex(der, expectTag(readTlv(der, entry.contentStart, entry.contentEnd), TAG.INTEGER, 'a revoked serial number')));
      }
    }
  }
  return {
    der,
    sha256: digestHex('sha256', der),
    issuer: issuer.display,
    issuerFields: issuer.fields,
    issuerKey: nameKeyOf(issuer.fields),
    thisUpdate,
    nextUpdate,
    revokedSerials,
  };
}
