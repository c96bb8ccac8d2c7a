import { readBoolean, readOid, readTlv, TAG, type Tlv } from '../certificates/codec/der';
import { nameKeyOf, readName } from '../certificates/codec/names';
import { digestHex, hexLower, hexUpper } from '../certificates/codec/text';
import { readTime } from '../certificates/codec/time';
import { bitMask, readDistributionPoints } from './cert-extensions';
import { canonicalSerial, readGeneralNames, rdnKeysOf, type GeneralName } from './general-names';
import { signedPartsOf, type SignedParts } from './signature';

/** IssuingDistributionPoint (RFC 5280 5.2.5): the scope of a CRL. */
export interface CrlScope {
  fullName: GeneralName[] | null;
  relativeName: string | null;
  onlyUserCerts: boolean;
  onlyCaCerts: boolean;
  onlyAttributeCerts: boolean;
  /** ReasonFlags mask, null for all reasons. */
  onlySomeReasons: number | null;
  indirect: boolean;
}

/** One CRL read for the revocation index: revocation is a Set lookup on `revoked`. */
export interface CrlView {
  sha256: string;
  der: Uint8Array;
  issuer: string;
  issuerKey: string;
  issuerRdns: string[];
  thisUpdate: number;
  nextUpdate: number | null;
  signed: SignedParts;
  akiKeyId: string | null;
  /** CRL number and, for a delta CRL, the base CRL number: uppercase hex without leading zeros. */
  crlNumber: string | null;
  deltaBase: string | null;
  scope: CrlScope | null;
  /** Why the CRL cannot be used at all (unknown critical extensions, malformed parts). */
  problems: string[];
  /** Revoked serials by the key of the certificate issuer (the CRL issuer itself unless indirect). */
  revoked: Map<string, Set<string>>;
  /** Serials listed with reason removeFromCRL (only meaningful in a delta CRL). */
  removed: Map<string, Set<string>>;
}

const CRL_EXT = { AKI: '2.5.29.35', NUMBER: '2.5.29.20', DELTA: '2.5.29.27', IDP: '2.5.29.28' } as const;
// Extensions a CRL may carry that we understand or that do not change its meaning.
const KNOWN_CRL_EXTENSIONS = new Set(['2.5.29.35', '2.5.29.18', '2.5.29.20', '2.5.29.27', '2.5.29.28', '2.5.29.46', '1.3.6.1.5.5.7.1.1', '2.5.29.60']);
const ENTRY_EXT = { REASON: '2.5.29.21', CERT_ISSUER: '2.5.29.29' } as const;
const KNOWN_ENTRY_EXTENSIONS = new Set(['2.5.29.21', '2.5.29.23', '2.5.29.24', '2.5.29.29']);
const REMOVE_FROM_CRL = 8;

function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.contentEnd; ) {
    const child = readTlv(buf, p, parent.contentEnd);
    out.push(child);
    p = child.end;
  }
  return out;
}

function integerHex(buf: Uint8Array, tlv: Tlv): string {
  let i = tlv.contentStart;
  while (i < tlv.contentEnd - 1 && buf[i] === 0) i++;
  return hexUpper(buf, i, tlv.contentEnd);
}

interface ExtensionVisit {
  oid: string;
  critical: boolean;
  value: Tlv;
}

function extensionsOf(buf: Uint8Array, list: Tlv): ExtensionVisit[] {
  return childrenOf(buf, list).map((extension) => {
    const [oidTlv, second, third] = childrenOf(buf, extension);
    const critical = second?.tag === TAG.BOOLEAN ? readBoolean(buf, second) : false;
    const octets = second?.tag === TAG.BOOLEAN ? third : second;
    if (!oidTlv || !octets || octets.tag !== TAG.OCTET_STRING) throw new Error('malformed extension');
    return { oid: readOid(buf, oidTlv), critical, value: readTlv(buf, octets.contentStart, octets.contentEnd) };
  });
}

function readScope(buf: Uint8Array, value: Tlv): CrlScope {
  const scope: CrlScope = { fullName: null, relativeName: null, onlyUserCerts: false, onlyCaCerts: false, onlyAttributeCerts: false, onlySomeReasons: null, indirect: false };
  for (const field of childrenOf(buf, value)) {
    const flag = () => buf[field.contentStart] !== 0;
    if (field.tag === 0xa0) {
      // Same DistributionPointName CHOICE as in a certificate's CRLDistributionPoints.
      const [point] = readDistributionPoints(buf, { ...value, contentStart: value.start, contentEnd: value.end, tag: TAG.SEQUENCE });
      scope.fullName = point?.fullName ?? null;
      scope.relativeName = point?.relativeName ?? null;
    } else if (field.tag === 0x81) scope.onlyUserCerts = flag();
    else if (field.tag === 0x82) scope.onlyCaCerts = flag();
    else if (field.tag === 0x83) scope.onlySomeReasons = bitMask(buf, field);
    else if (field.tag === 0x84) scope.indirect = flag();
    else if (field.tag === 0x85) scope.onlyAttributeCerts = flag();
  }
  return scope;
}

function addTo(map: Map<string, Set<string>>, key: string, serial: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(serial);
}

/** One revoked entry as read, for callers that want more than the revocation index (the store's status column). */
export interface CrlEntry {
  /** Key of the certificate issuer (the CRL issuer unless a certificateIssuer entry extension says otherwise). */
  issuerKey: string;
  /** Canonical serial (see canonicalSerial). */
  serial: string;
  /** revocationDate, ISO 8601. */
  revokedAt: string;
  /** CRLReason code (RFC 5280 5.3.1), null when the entry has none. */
  reason: number | null;
}

function readEntries(buf: Uint8Array, list: Tlv, crl: CrlView, onEntry?: (entry: CrlEntry) => void): void {
  // certificateIssuer applies to its entry and every later one until the next (RFC 5280 5.3.3).
  let certIssuerKey = crl.issuerKey;
  for (let p = list.contentStart; p < list.contentEnd; ) {
    const entry = readTlv(buf, p, list.contentEnd);
    p = entry.end;
    const serialTlv = readTlv(buf, entry.contentStart, entry.contentEnd);
    if (serialTlv.tag !== TAG.INTEGER) throw new Error('revoked entry without a serial number');
    const dateTlv = readTlv(buf, serialTlv.end, entry.contentEnd);
    let reason: number | null = null;
    if (dateTlv.end < entry.contentEnd) {
      for (const ext of extensionsOf(buf, readTlv(buf, dateTlv.end, entry.contentEnd))) {
        if (ext.oid === ENTRY_EXT.REASON) reason = buf[ext.value.contentEnd - 1] ?? 0;
        else if (ext.oid === ENTRY_EXT.CERT_ISSUER) {
          const dn = readGeneralNames(buf, ext.value).find((n) => n.kind === 'dn');
          if (dn?.nameKey !== undefined) certIssuerKey = dn.nameKey;
        } else if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.oid)) crl.problems.push(`an entry has an unknown critical extension ${ext.oid}`);
      }
    }
    const serial = canonicalSerial(buf, serialTlv);
    addTo(reason === REMOVE_FROM_CRL ? crl.removed : crl.revoked, certIssuerKey, serial);
    if (onEntry) onEntry({ issuerKey: certIssuerKey, serial, revokedAt: readTime(buf, dateTlv), reason });
  }
}

function readCrlExtensions(buf: Uint8Array, wrapper: Tlv, crl: CrlView): void {
  for (const ext of extensionsOf(buf, readTlv(buf, wrapper.contentStart, wrapper.contentEnd))) {
    if (ext.oid === CRL_EXT.AKI) {
      for (const child of childrenOf(buf, ext.value)) if (child.tag === 0x80) crl.akiKeyId = hexLower(buf, child.contentStart, child.contentEnd);
    } else if (ext.oid === CRL_EXT.NUMBER) {
      crl.crlNumber = integerHex(buf, ext.value);
      if (ext.critical) crl.problems.push('its cRLNumber extension is critical (RFC 5280 5.2.3 requires it non-critical)');
    } else if (ext.oid === CRL_EXT.DELTA) crl.deltaBase = integerHex(buf, ext.value);
    else if (ext.oid === CRL_EXT.IDP) crl.scope = readScope(buf, ext.value);
    else if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.oid)) crl.problems.push(`it has an unknown critical extension ${ext.oid}`);
  }
}

/**
 * Parse a DER CRL for revocation checking. Throws when the outer structure is not a CRL.
 * `onEntry` also sees each revoked entry with its date and reason (the gateway does not ask).
 */
export function toCrlView(der: Uint8Array, onEntry?: (entry: CrlEntry) => void): CrlView {
  const outer = readTlv(der, 0, der.length);
  const signed = signedPartsOf(der, outer);
  const tbs = readTlv(der, outer.contentStart, outer.contentEnd);
  let field = readTlv(der, tbs.contentStart, tbs.contentEnd);
  if (field.tag === TAG.INTEGER) field = readTlv(der, field.end, tbs.contentEnd);
  const issuerTlv = readTlv(der, field.end, tbs.contentEnd);
  const issuer = readName(der, issuerTlv);
  const thisUpdateTlv = readTlv(der, issuerTlv.end, tbs.contentEnd);
  const crl: CrlView = {
    sha256: digestHex('sha256', der),
    der,
    issuer: issuer.display || '(empty issuer)',
    issuerKey: nameKeyOf(issuer.fields),
    issuerRdns: rdnKeysOf(der, issuerTlv),
    thisUpdate: Date.parse(readTime(der, thisUpdateTlv)),
    nextUpdate: null,
    signed,
    akiKeyId: null,
    crlNumber: null,
    deltaBase: null,
    scope: null,
    problems: [],
    revoked: new Map(),
    removed: new Map(),
  };
  for (let p = thisUpdateTlv.end; p < tbs.contentEnd; ) {
    const item = readTlv(der, p, tbs.contentEnd);
    p = item.end;
    try {
      if (item.tag === TAG.UTC_TIME || item.tag === TAG.GENERALIZED_TIME) crl.nextUpdate = Date.parse(readTime(der, item));
      else if (item.tag === TAG.SEQUENCE) readEntries(der, item, crl, onEntry);
      else if (item.tag === 0xa0) readCrlExtensions(der, item, crl);
    } catch (error) {
      crl.problems.push(`part of it cannot be parsed (${(error as Error).message})`);
    }
  }
  return crl;
}
