import { DomainError } from '../../../../shared/errors';
import { decodeCertificateDer, looksLikeCertificate } from './certificate';
import { decodeCrlDer } from './crl';
import { children, firstChild, malformed, nextSibling, readTlv, readWhole, TAG, type Tlv } from './der';
import { CONTENT_TYPE_NAMES } from './oids';
import { decodeBase64, findPemBlocks, type PemBlock } from './pem';
import { contentTypeOf, readPkcs7 } from './pkcs7';
import { decodePkcs12 } from './pkcs12';
import { decryptKey, matchKeysToCertificates, traditionalToPkcs8, type EncryptedKey } from './private-keys';
import type { ContainerFormat, DecodedContainer, DecodeOptions } from './types';

/** DER found in a file, with where it came from so an error can say which block failed. */
interface Sourced {
  der: Uint8Array;
  source: string | null;
}

/** Everything found in a file before certificates are decoded and keys decrypted. */
interface Collected {
  format: ContainerFormat;
  certificates: Sourced[];
  crls: Sourced[];
  keys: Uint8Array[];
  encryptedKeys: EncryptedKey[];
  /** What else was seen (for the NOT_A_CERTIFICATE message when nothing importable is found). */
  seen: string[];
}

const emptyCollected = (format: ContainerFormat): Collected => ({ format, certificates: [], crls: [], keys: [], encryptedKeys: [], seen: [] });

/** Run `fn`; a DomainError it throws gets `source` ("PEM block 2 (CERTIFICATE)") in front of its message. */
function within<T>(source: string | null, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (source && error instanceof DomainError) {
      // "PEM block 2 (CERTIFICATE): the data is cut short ..." reads as one sentence.
      const message = /^[A-Z][a-z]/.test(error.message) ? error.message[0]!.toLowerCase() + error.message.slice(1) : error.message;
      throw new DomainError(error.code, `${source}: ${message}`);
    }
    throw error;
  }
}

type DerKind = 'certificate' | 'crl' | 'pkcs7' | 'pkcs12' | 'pkcs8' | 'encrypted-pkcs8' | 'rsa-key' | 'dsa-key' | 'ec-key' | 'csr';

/** Classify a DER SEQUENCE by its structure (never by file name). Null when it is none of ours. */
function classify(buf: Uint8Array, outer: Tlv): DerKind | null {
  if (outer.tag !== TAG.SEQUENCE) return null;
  const first = firstChild(buf, outer);
  if (!first) return null;
  const second = nextSibling(buf, outer, first);
  if (first.tag === TAG.OID) return 'pkcs7'; // a ContentInfo; readPkcs7 names non-SignedData types
  if (first.tag === TAG.INTEGER) {
    if (!second) return null;
    const third = nextSibling(buf, outer, second);
    const isVersion3 = first.contentEnd - first.contentStart === 1 && buf[first.contentStart] === 3;
    if (second.tag === TAG.SEQUENCE && isVersion3 && contentTypeOf(buf, second) !== null) return 'pkcs12';
    if (second.tag === TAG.SEQUENCE && third?.tag === TAG.OCTET_STRING) return 'pkcs8';
    if (second.tag === TAG.OCTET_STRING) return 'ec-key';
    if (second.tag === TAG.INTEGER) return children(buf, outer).length >= 9 ? 'rsa-key' : 'dsa-key';
    return null;
  }
  if (first.tag !== TAG.SEQUENCE) return null;
  if (second?.tag === TAG.OCTET_STRING && firstChild(buf, first)?.tag === TAG.OID) return 'encrypted-pkcs8';
  if (looksLikeCertificate(buf, outer)) return 'certificate';
  // CRL: [version], algorithm, issuer, thisUpdate (a time). CSR: version, subject, key, [0] attributes.
  const fields = children(buf, first);
  const offset = fields[0]?.tag === TAG.INTEGER ? 1 : 0;
  const atThisUpdate = fields[offset + 2]?.tag;
  if (atThisUpdate === TAG.UTC_TIME || atThisUpdate === TAG.GENERALIZED_TIME) return 'crl';
  if (fields[0]?.tag === TAG.INTEGER && fields[3]?.tag === 0xa0) return 'csr';
  return null;
}

const KEY_LABELS: Partial<Record<DerKind, string>> = { 'rsa-key': 'RSA PRIVATE KEY', 'dsa-key': 'DSA PRIVATE KEY', 'ec-key': 'EC PRIVATE KEY' };

/** Add what one DER structure holds to `into`. */
function collectDer(buf: Uint8Array, outer: Tlv, password: string | undefined, into: Collected, source: string | null): void {
  const kind = classify(buf, outer);
  const bytes = () => buf.subarray(outer.start, outer.end);
  switch (kind) {
    case 'certificate':
      into.certificates.push({ der: bytes(), source });
      return;
    case 'crl':
      into.crls.push({ der: bytes(), source });
      return;
    case 'pkcs7': {
      const contents = readPkcs7(buf, outer);
      into.certificates.push(...contents.certificates.map((der, i) => ({ der, source: `${source ? `${source}, ` : ''}PKCS#7 certificate ${i + 1}` })));
      into.crls.push(...contents.crls.map((der, i) => ({ der, source: `${source ? `${source}, ` : ''}PKCS#7 CRL ${i + 1}` })));
      if (contents.certificates.length + contents.crls.length === 0) into.seen.push('an empty PKCS#7 structure (no certificates, no CRLs)');
      return;
    }
    case 'pkcs12': {
      const contents = decodePkcs12(buf, outer, password);
      into.certificates.push(...contents.certificates.map((der, i) => ({ der, source: `PKCS#12 certificate ${i + 1}` })));
      into.crls.push(...contents.crls.map((der, i) => ({ der, source: `PKCS#12 CRL ${i + 1}` })));
      into.keys.push(...contents.keys);
      if (contents.certificates.length + contents.crls.length === 0) into.seen.push('a PKCS#12 container without certificates');
      return;
    }
    case 'pkcs8':
      into.keys.push(bytes().slice());
      return;
    case 'encrypted-pkcs8':
      into.encryptedKeys.push({ kind: 'pkcs8', der: bytes().slice() });
      return;
    case 'rsa-key':
    case 'dsa-key':
    case 'ec-key':
      into.keys.push(traditionalToPkcs8(KEY_LABELS[kind]!, bytes()));
      return;
    case 'csr':
      into.seen.push('a certificate request (CSR)');
      return;
    default: {
      const type = contentTypeOf(buf, outer);
      const name = type ? (CONTENT_TYPE_NAMES[type] ?? `ASN.1 data of type ${type}`) : 'ASN.1 data of an unknown kind';
      throw new DomainError('NOT_A_CERTIFICATE', `The file holds ${name}, not a certificate, CRL, PKCS#7 or PKCS#12 container.`);
    }
  }
}

function formatOf(kind: DerKind | null): ContainerFormat {
  switch (kind) {
    case 'certificate':
      return 'der-certificate';
    case 'crl':
      return 'crl';
    case 'pkcs7':
      return 'pkcs7';
    case 'pkcs12':
      return 'pkcs12';
    default:
      return 'private-key';
  }
}

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'X.509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const CRL_LABELS = new Set(['X509 CRL', 'CRL']);
const PKCS7_LABELS = new Set(['PKCS7', 'PKCS #7 SIGNED DATA', 'CMS', 'CERTIFICATE CHAIN']);
const TRADITIONAL_KEY_LABELS = new Set(['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY']);
const IGNORED_LABELS: Record<string, string> = {
  'CERTIFICATE REQUEST': 'a certificate request (CSR)',
  'NEW CERTIFICATE REQUEST': 'a certificate request (CSR)',
  'PUBLIC KEY': 'a public key',
  'RSA PUBLIC KEY': 'a public key',
  'EC PARAMETERS': 'EC parameters',
  'DH PARAMETERS': 'DH parameters',
};

function collectPemBlock(block: PemBlock, password: string | undefined, into: Collected, kinds: Set<string>): void {
  const source = `PEM block ${block.index} (${block.label})`;
  const { label, der } = block;
  within(source, () => {
    if (der.length === 0) throw malformed('The block is empty.');
    const encrypted = /ENCRYPTED/i.test(block.headers['Proc-Type'] ?? '');
    if (!encrypted && der[0] !== TAG.SEQUENCE) throw malformed('The block does not hold DER data (it does not start with an ASN.1 SEQUENCE).');
    if (CERTIFICATE_LABELS.has(label)) {
      // TRUSTED CERTIFICATE (OpenSSL X509_AUX) is the certificate followed by trust settings: keep the certificate.
      const outer = label === 'TRUSTED CERTIFICATE' ? readTlv(der, 0, der.length) : readWhole(der, 'The certificate');
      if (looksLikeCertificate(der, outer)) {
        into.certificates.push({ der: der.subarray(0, outer.end), source });
        kinds.add('certificate');
      } else {
        // Some tools label a PKCS#7 chain or a CRL "CERTIFICATE": read it for what it is.
        collectDer(der, outer, password, into, source);
        kinds.add('other');
      }
    } else if (CRL_LABELS.has(label)) {
      into.crls.push({ der, source });
      kinds.add('crl');
    } else if (PKCS7_LABELS.has(label)) {
      collectDer(der, readWhole(der, 'The PKCS#7 data'), password, into, source);
      kinds.add('pkcs7');
    } else if (label === 'PRIVATE KEY') {
      readWhole(der, 'The private key');
      into.keys.push(der);
      kinds.add('key');
    } else if (label === 'ENCRYPTED PRIVATE KEY') {
      readWhole(der, 'The encrypted private key');
      into.encryptedKeys.push({ kind: 'pkcs8', der });
      kinds.add('key');
    } else if (TRADITIONAL_KEY_LABELS.has(label)) {
      kinds.add('key');
      if (encrypted) {
        into.encryptedKeys.push({ kind: 'traditional', label, dekInfo: block.headers['DEK-Info'] ?? '', der });
        return;
      }
      const outer = readWhole(der, 'The private key');
      // Some tools write PKCS#8 under a traditional label: take it for what it is.
      into.keys.push(classify(der, outer) === 'pkcs8' ? der : traditionalToPkcs8(label, der));
    } else {
      into.seen.push(IGNORED_LABELS[label] ?? `a "${label}" PEM block`);
    }
  });
}

function collectPem(text: string, password: string | undefined): Collected {
  const blocks = findPemBlocks(text);
  if (blocks.length > 0 && blocks.every((block) => block.der.length === 0)) {
    throw new DomainError('EMPTY', `The file has ${blocks.length === 1 ? 'a PEM block' : 'PEM blocks'} ("-----BEGIN ${blocks[0]!.label}-----") with nothing inside.`);
  }
  const into = emptyCollected('pem');
  const kinds = new Set<string>();
  for (const block of blocks) collectPemBlock(block, password, into, kinds);
  if (kinds.size > 1) into.format = 'mixed';
  return into;
}

/** Text files: UTF-16 (with BOM) as Windows tools may save them, anything else read byte-per-char (PEM is ASCII). */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

// Control characters other than tab, line feeds and form feed do not occur in text files.
const BINARY_CHARS = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;

function isWhitespaceOrNul(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0 && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}

/** Parse bytes as one DER structure (trailing whitespace/NUL padding allowed); throws TRUNCATED / MALFORMED. */
function readTopLevel(bytes: Uint8Array): Tlv {
  const outer = readTlv(bytes, 0, bytes.length);
  if (outer.end < bytes.length && !isWhitespaceOrNul(bytes, outer.end)) {
    throw malformed(`The file has ${bytes.length - outer.end} unexpected bytes after the end of its DER data.`);
  }
  return outer;
}

function collectBinary(bytes: Uint8Array, outer: Tlv, password: string | undefined, format: ContainerFormat | null): Collected {
  const into = emptyCollected(format ?? formatOf(classify(bytes, outer)));
  collectDer(bytes, outer, password, into, null);
  return into;
}

/** Detect the format by content and collect what the file holds (certificates still as DER). */
function collect(bytes: Uint8Array, password: string | undefined): Collected {
  if (bytes.length === 0) throw new DomainError('EMPTY', 'The file is empty (0 bytes).');
  let binaryError: unknown = null;
  if (bytes[0] === TAG.SEQUENCE) {
    let outer: Tlv | null = null;
    try {
      outer = readTopLevel(bytes);
    } catch (error) {
      binaryError = error; // maybe text that happens to start with "0": decided below
    }
    if (outer) return collectBinary(bytes, outer, password, null);
  }
  const text = decodeText(bytes);
  // A file that starts like DER and is not text is DER: report why it failed.
  if (binaryError && BINARY_CHARS.test(text)) throw binaryError;
  if (text.trim() === '') throw new DomainError('EMPTY', 'The file holds only whitespace.');
  if (text.includes('-----BEGIN ')) return collectPem(text, password);
  const raw = decodeBase64(text);
  if (raw && raw[0] === TAG.SEQUENCE) {
    // Base64 without PEM lines, as IIS and Windows save "Base-64 encoded X.509 (.CER)".
    return within('The Base64 text', () => collectBinary(raw, readTopLevel(raw), password, 'base64'));
  }
  // Here a failed DER parse (binaryError) was of plain text that starts with "0" ("0 results found"):
  // DER lengths, tags and OIDs always bring control bytes, so the text reading is the true one.
  if (!BINARY_CHARS.test(text)) {
    // Something is there (a note, a copied web page), just no certificate: EMPTY is kept for nothing at all.
    throw new DomainError('NOT_A_CERTIFICATE', 'The file is text without any PEM block ("-----BEGIN CERTIFICATE-----") or Base64 certificate: it holds nothing to import.');
  }
  throw malformed('The file is not in a format CertMapper reads: not PEM, Base64, DER, PKCS#7, PKCS#12 or a CRL.');
}

/** Decode the collected DER, decrypt keys and pair them with certificates. */
function finish(collected: Collected, password: string | undefined): DecodedContainer {
  const certificates = collected.certificates.map(({ der, source }) => within(source, () => decodeCertificateDer(der)));
  const crls = collected.crls.map(({ der, source }) => within(source, () => decodeCrlDer(der)));
  const keys = [...collected.keys, ...collected.encryptedKeys.map((key) => decryptKey(key, password))];
  return { format: collected.format, certificates, privateKeys: matchKeysToCertificates(keys, certificates), crls };
}

/**
 * Decode everything a file holds, without the "must hold a certificate" rule: a lone key comes
 * back as privateKeys with no certificates. For tools and tests; the import uses decodeContainer.
 */
export function decodeContents(bytes: Uint8Array, options: DecodeOptions = {}): DecodedContainer {
  return finish(collect(bytes, options.password), options.password);
}

/**
 * Detect the format by content (never by extension) and decode it. Throws DomainError naming the
 * problem: EMPTY, TRUNCATED, MALFORMED, NOT_A_CERTIFICATE, PASSWORD_REQUIRED, WRONG_PASSWORD,
 * INTEGRITY or UNSUPPORTED_ENCRYPTION. A file holding only private keys is NOT_A_CERTIFICATE
 * (after the password, if given, is checked), because CertMapper imports certificates.
 */
export function decodeContainer(bytes: Uint8Array, options: DecodeOptions = {}): DecodedContainer {
  const collected = collect(bytes, options.password);
  if (collected.certificates.length === 0 && collected.crls.length === 0) {
    const hasKeys = collected.keys.length > 0 || collected.encryptedKeys.length > 0;
    // A wrong password is still reported as such, before the refusal.
    if (options.password !== undefined) for (const key of collected.encryptedKeys) decryptKey(key, options.password);
    if (hasKeys) {
      throw new DomainError(
        'NOT_A_CERTIFICATE',
        'The file holds only a private key, no certificate. CertMapper imports certificates: import the key together with its certificate (for example as a PKCS#12 .pfx file).',
      );
    }
    const what = collected.seen.length > 0 ? collected.seen.join(', ') : 'nothing CertMapper imports';
    throw new DomainError('NOT_A_CERTIFICATE', `The file holds ${what}: there is no certificate or CRL to import.`);
  }
  return finish(collected, options.password);
}

