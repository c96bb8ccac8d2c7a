import 'reflect-metadata';
import { createPublicKey } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DomainError } from '../../../shared/errors';
import { useNodeWebCrypto } from '../keys/key-generation';

useNodeWebCrypto();

/** A PKCS#10 request whose own signature was checked: what a CA may sign. */
export interface VerifiedRequest {
  subject: x509.Name;
  subjectText: string;
  publicKey: x509.PublicKey;
  /** The request's subjectAltName extension, as it was asked for (copied into the certificate unchanged). */
  subjectAltNames: x509.SubjectAlternativeNameExtension | null;
  /** The names in it, for messages and the issued register. */
  altNames: { type: string; value: string }[];
}

const PEM_REQUEST = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (NEW )?CERTIFICATE REQUEST-----/;
const SAN_OID = '2.5.29.17';

/** PEM ("CERTIFICATE REQUEST", or IIS 4's "NEW CERTIFICATE REQUEST"), Base64 without headers, or DER. */
function requestDer(content: Uint8Array): Uint8Array {
  const text = Buffer.from(content).toString('latin1');
  const pem = text.match(PEM_REQUEST);
  if (pem) return Buffer.from(pem[2]!.replace(/\s+/g, ''), 'base64');
  if (content[0] === 0x30) return content;
  if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.trim()) return Buffer.from(text.replace(/\s+/g, ''), 'base64');
  if (/-----BEGIN /.test(text)) {
    const label = text.match(/-----BEGIN ([A-Z0-9 ]+)-----/)?.[1];
    throw new DomainError('NOT_A_CERTIFICATE', `The file holds a ${label} block, not a certificate request (expected -----BEGIN CERTIFICATE REQUEST-----)`);
  }
  throw new DomainError('MALFORMED', 'The file is not a certificate request: expected a PKCS#10 request in PEM, Base64 or DER');
}

/** RSA below 2048 bits is refused: no current TLS client or browser accepts such a certificate. */
function assertUsableKey(publicKey: x509.PublicKey): void {
  let key;
  try {
    key = createPublicKey({ key: Buffer.from(publicKey.rawData), format: 'der', type: 'spki' });
  } catch (error) {
    throw new DomainError('MALFORMED', `The request's public key cannot be read: ${(error as Error).message}`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType === 'rsa' && bits !== undefined && bits < 2048) {
    throw new DomainError('INVALID_INPUT', `The request's RSA key has ${bits} bits: the local authority signs RSA keys of 2048 bits or more`);
  }
}

/**
 * Read a PKCS#10 request and verify the signature it carries (proof that its maker holds the key).
 * A request that does not verify is refused with INTEGRITY: it was altered, or signed by another key.
 */
export async function readVerifiedRequest(content: Uint8Array): Promise<VerifiedRequest> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(requestDer(content));
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('MALFORMED', `The certificate request cannot be read: ${(error as Error).message}`);
  }
  let valid: boolean;
  try {
    valid = await request.verify();
  } catch (error) {
    throw new DomainError('UNSUPPORTED_ENCRYPTION', `The request's signature algorithm cannot be checked here: ${(error as Error).message}`);
  }
  if (!valid) {
    throw new DomainError('INTEGRITY', `The request's signature does not verify: the request for "${request.subject}" was altered after it was signed, or signed by a key other than the one it carries. Nothing was issued.`);
  }
  assertUsableKey(request.publicKey);
  const san = request.getExtension(SAN_OID);
  const subjectAltNames = san ? new x509.SubjectAlternativeNameExtension(san.rawData) : null;
  return {
    subject: request.subjectName,
    subjectText: request.subject,
    publicKey: request.publicKey,
    subjectAltNames,
    altNames: subjectAltNames ? subjectAltNames.names.items.map((name) => ({ type: name.type, value: name.value })) : [],
  };
}
