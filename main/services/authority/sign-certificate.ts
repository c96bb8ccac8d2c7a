import 'reflect-metadata';
import type { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { useNodeWebCrypto, type GeneratedKeyPair } from '../keys/key-generation';

useNodeWebCrypto();

/** The CA that signs: its name, key and key identifier. */
export interface SigningCa {
  name: x509.Name;
  signingKey: webcrypto.CryptoKey;
  /** From the key manager's key pair: how this key signs (RSASSA-PKCS1-v1_5 or ECDSA with its hash). */
  signingAlgorithm: GeneratedKeyPair['signingAlgorithm'];
  /** SubjectKeyIdentifier of the CA (hex), written as the AuthorityKeyIdentifier. */
  ski: string;
}

/** client / server: end-entity certificates; intermediate: a CA that may only issue end-entity certificates. */
export type CertificateKind = 'client' | 'server' | 'intermediate';

export interface CertificateOrder {
  kind: CertificateKind;
  serialHex: string;
  subject: x509.Name;
  publicKey: x509.PublicKey | webcrypto.CryptoKey;
  /** The subjectAltName extension to include (built here, or copied from a request as it was); null: none. */
  subjectAltNames: x509.Extension | null;
  notBefore: Date;
  notAfter: Date;
  /** Where the issuer's CRL is published: every certificate the authority issues names it. */
  crlUrl: string;
}

const isRsa = (key: x509.PublicKey | webcrypto.CryptoKey) => /RSA/i.test(key.algorithm.name);

/** Key usage and EKU per kind (RFC 5280 4.2.1.3, 4.2.1.12): RSA TLS keys may also encipher keys (TLS 1.2 RSA key exchange). */
function usageExtensions(order: CertificateOrder): x509.Extension[] {
  const KU = x509.KeyUsageFlags;
  if (order.kind === 'intermediate') {
    return [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign | KU.digitalSignature, true)];
  }
  const keyUsage = KU.digitalSignature | (isRsa(order.publicKey) ? KU.keyEncipherment : 0);
  const eku = order.kind === 'client' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth;
  return [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(keyUsage, true), new x509.ExtendedKeyUsageExtension([eku])];
}

/** Sign one certificate with the CA's key (the profile's extensions, the CA's key identifier and CRL distribution point). */
export async function signCertificate(ca: SigningCa, order: CertificateOrder): Promise<x509.X509Certificate> {
  const extensions: x509.Extension[] = [
    ...usageExtensions(order),
    ...(order.subjectAltNames ? [order.subjectAltNames] : []),
    await x509.SubjectKeyIdentifierExtension.create(order.publicKey),
    new x509.AuthorityKeyIdentifierExtension(ca.ski),
    new x509.CRLDistributionPointsExtension([order.crlUrl]),
  ];
  return x509.X509CertificateGenerator.create({
    serialNumber: order.serialHex,
    subject: order.subject,
    issuer: ca.name,
    notBefore: order.notBefore,
    notAfter: order.notAfter,
    publicKey: order.publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: ca.signingAlgorithm as x509.X509CertificateCreateParamsBase['signingAlgorithm'],
    extensions,
  });
}

/** A self-signed root CA certificate (no CRL distribution point: an anchor is trusted, never checked). */
export async function createRootCertificate(input: {
  name: x509.Name;
  keys: GeneratedKeyPair;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
}): Promise<x509.X509Certificate> {
  const KU = x509.KeyUsageFlags;
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: input.serialHex,
    name: input.name,
    keys: input.keys.cryptoKeys as unknown as x509.X509CertificateCreateSelfSignedParams['keys'],
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    signingAlgorithm: input.keys.signingAlgorithm as x509.X509CertificateCreateParamsBase['signingAlgorithm'],
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign | KU.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(input.keys.cryptoKeys.publicKey),
    ],
  });
}

/** The subjectAltName of a client certificate: the account's email (rfc822Name) and UPN (otherName), when it has them. */
export function clientAltNames(names: { email?: string | null; upn?: string | null }): x509.SubjectAlternativeNameExtension | null {
  const entries: x509.JsonGeneralName[] = [];
  if (names.email) entries.push({ type: 'email', value: names.email });
  if (names.upn) entries.push({ type: 'upn', value: names.upn });
  return entries.length ? new x509.SubjectAlternativeNameExtension(entries) : null;
}
