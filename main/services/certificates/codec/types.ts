import type { CertificateFacts, NameField } from '../../../../shared/models/certificate';

/** What the certificate list shows, computed once at import. */
export interface ParsedSummary {
  /** RFC 4514 order: "CN=x, O=y, C=z". */
  subject: string;
  issuer: string;
  /** Subject CN, else the first SAN, else the whole subject. */
  displayName: string;
  /** Uppercase hex without leading zero octets (as Node's X509Certificate.serialNumber). */
  serial: string;
  notBefore: string;
  notAfter: string;
  isCA: boolean;
  /** Subject equals issuer (and the key identifiers, when both present, agree); the signature is checked by buildChain. */
  selfSigned: boolean;
  /** 'RSA 2048', 'ECDSA P-256', 'Ed25519', ... */
  keyAlgorithm: string;
  /** Usable for TLS client authentication: EKU lists clientAuth or anyExtendedKeyUsage, or there is no EKU (unrestricted). */
  clientAuth: boolean;
  /** Usable as a TLS server certificate, by the same rule as clientAuth. */
  serverAuth: boolean;
}

/** A certificate decoded once: its DER, fingerprints, facts and list summary. */
export interface DecodedCertificate {
  der: Uint8Array;
  /** Lowercase hex SHA-256 of the DER: the product's identity for a certificate. */
  sha256: string;
  sha1: string;
  facts: CertificateFacts;
  summary: ParsedSummary;
}

/** A private key found in a container, as PKCS#8 DER. */
export interface DecodedPrivateKey {
  pkcs8Der: Uint8Array;
  /** SHA-256 of the certificate in the same container whose public key matches, if any. */
  certificateSha256?: string;
}

/** A certificate revocation list. */
export interface DecodedCrl {
  der: Uint8Array;
  sha256: string;
  /** Display form of the issuer (RFC 4514 order). */
  issuer: string;
  /** Issuer attributes in CRL order. */
  issuerFields: NameField[];
  /** Comparable issuer name, same algorithm as certificate subject keys (nameKeyOf). */
  issuerKey: string;
  thisUpdate: string;
  nextUpdate: string | null;
  /** Uppercase hex, same form as ParsedSummary.serial. */
  revokedSerials: string[];
}

/**
 * How the file was encoded: 'pem' (PEM text), 'base64' (bare Base64 of DER, as IIS saves .cer),
 * 'der-certificate', 'pkcs7', 'pkcs12', 'crl' (DER), 'private-key' (a lone key; only from
 * decodeContents), 'mixed' (PEM text holding different kinds of blocks, e.g. certificate + key).
 */
export type ContainerFormat = 'pem' | 'base64' | 'der-certificate' | 'pkcs7' | 'pkcs12' | 'crl' | 'private-key' | 'mixed';

/** Everything one file holds. */
export interface DecodedContainer {
  format: ContainerFormat;
  certificates: DecodedCertificate[];
  privateKeys: DecodedPrivateKey[];
  crls: DecodedCrl[];
}

/** Options for decoding a file. */
export interface DecodeOptions {
  /** Password for PKCS#12 and encrypted private keys; ignored by formats without encryption. */
  password?: string;
}
