/** Object identifiers the codec names. Tables, not logic: unknown OIDs are shown dotted. */

/** Distinguished-name attribute short names, as IIS and certlm.msc show them (S = state, E = email). */
export const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.13': 'Description',
  '2.5.4.15': 'businessCategory',
  '2.5.4.16': 'postalAddress',
  '2.5.4.17': 'PostalCode',
  '2.5.4.18': 'POBox',
  '2.5.4.20': 'Phone',
  '2.5.4.41': 'name',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'I',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
  '1.2.840.113549.1.9.2': 'unstructuredName',
  '1.2.840.113549.1.9.8': 'unstructuredAddress',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionS',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

/** Extended key usages by their RFC 5280 / Microsoft short names. */
export const EXTENDED_KEY_USAGES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.5': 'ipsecEndSystem',
  '1.3.6.1.5.5.7.3.6': 'ipsecTunnel',
  '1.3.6.1.5.5.7.3.7': 'ipsecUser',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '1.3.6.1.5.5.7.3.17': 'ipsecIKE',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
  '1.3.6.1.4.1.311.20.2.2': 'smartcardLogon',
  '1.3.6.1.4.1.311.10.3.4': 'encryptingFileSystem',
  '1.3.6.1.4.1.311.10.3.12': 'documentSigning',
  '1.3.6.1.4.1.311.10.3.3': 'serverGatedCrypto',
  '2.16.840.1.113730.4.1': 'netscapeServerGatedCrypto',
  '1.3.6.1.4.1.311.10.3.1': 'certificateTrustListSigning',
  '1.3.6.1.4.1.311.21.5': 'caExchange',
  '1.3.6.1.5.2.3.4': 'pkinitClientAuth',
  '1.3.6.1.5.2.3.5': 'pkinitKDC',
};

/** The EKUs suggestStore and the summary look at. */
export const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
export const EKU_ANY = '2.5.29.37.0';

/** Signature algorithms, named as Windows names them. */
export const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2RSA',
  '1.2.840.113549.1.1.4': 'md5RSA',
  '1.2.840.113549.1.1.5': 'sha1RSA',
  '1.2.840.113549.1.1.14': 'sha224RSA',
  '1.2.840.113549.1.1.11': 'sha256RSA',
  '1.2.840.113549.1.1.12': 'sha384RSA',
  '1.2.840.113549.1.1.13': 'sha512RSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.3.14.3.2.29': 'sha1RSA',
  '1.2.840.10045.4.1': 'sha1ECDSA',
  '1.2.840.10045.4.3.1': 'sha224ECDSA',
  '1.2.840.10045.4.3.2': 'sha256ECDSA',
  '1.2.840.10045.4.3.3': 'sha384ECDSA',
  '1.2.840.10045.4.3.4': 'sha512ECDSA',
  '1.2.840.10040.4.3': 'sha1DSA',
  '2.16.840.1.101.3.4.3.1': 'sha224DSA',
  '2.16.840.1.101.3.4.3.2': 'sha256DSA',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.156.10197.1.501': 'SM3SM2',
};

/** Public key algorithms of SubjectPublicKeyInfo. */
export const KEY_ALGORITHMS = {
  RSA: '1.2.840.113549.1.1.1',
  RSA_PSS: '1.2.840.113549.1.1.10',
  EC: '1.2.840.10045.2.1',
  DSA: '1.2.840.10040.4.1',
  ED25519: '1.3.101.112',
  ED448: '1.3.101.113',
  X25519: '1.3.101.110',
  X448: '1.3.101.111',
} as const;

/** Named elliptic curves: display name and size in bits. */
export const CURVES: Record<string, { name: string; bits: number }> = {
  '1.2.840.10045.3.1.1': { name: 'P-192', bits: 192 },
  '1.3.132.0.33': { name: 'P-224', bits: 224 },
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', bits: 512 },
  '1.2.156.10197.1.301': { name: 'SM2', bits: 256 },
};

/** Certificate extensions the facts come from. */
export const EXTENSIONS = {
  SUBJECT_KEY_IDENTIFIER: '2.5.29.14',
  KEY_USAGE: '2.5.29.15',
  SUBJECT_ALT_NAME: '2.5.29.17',
  BASIC_CONSTRAINTS: '2.5.29.19',
  CRL_DISTRIBUTION_POINTS: '2.5.29.31',
  CERTIFICATE_POLICIES: '2.5.29.32',
  AUTHORITY_KEY_IDENTIFIER: '2.5.29.35',
  EXTENDED_KEY_USAGE: '2.5.29.37',
} as const;

/** Microsoft User Principal Name, the otherName SAN Windows logon mapping uses. */
export const UPN_OID = '1.3.6.1.4.1.311.20.2.3';

/** Key usage bit names, bit 0 first (RFC 5280 4.2.1.3). */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** Content and bag types of PKCS#7 / PKCS#12. */
export const CONTAINERS = {
  DATA: '1.2.840.113549.1.7.1',
  SIGNED_DATA: '1.2.840.113549.1.7.2',
  ENVELOPED_DATA: '1.2.840.113549.1.7.3',
  ENCRYPTED_DATA: '1.2.840.113549.1.7.6',
  KEY_BAG: '1.2.840.113549.1.12.10.1.1',
  SHROUDED_KEY_BAG: '1.2.840.113549.1.12.10.1.2',
  CERT_BAG: '1.2.840.113549.1.12.10.1.3',
  CRL_BAG: '1.2.840.113549.1.12.10.1.4',
  SECRET_BAG: '1.2.840.113549.1.12.10.1.5',
  SAFE_CONTENTS_BAG: '1.2.840.113549.1.12.10.1.6',
  X509_CERTIFICATE: '1.2.840.113549.1.9.22.1',
  X509_CRL: '1.2.840.113549.1.9.23.1',
} as const;

/** Names of content types we refuse, so the refusal can say what the file is. */
export const CONTENT_TYPE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.7.1': 'PKCS#7 data',
  '1.2.840.113549.1.7.3': 'PKCS#7 enveloped (encrypted) data',
  '1.2.840.113549.1.7.5': 'PKCS#7 digested data',
  '1.2.840.113549.1.7.6': 'PKCS#7 encrypted data',
  '1.2.840.113549.1.9.16.1.2': 'CMS authenticated data',
  '1.2.840.113549.1.12.10.1.1': 'a PKCS#12 key bag',
  '1.2.840.113549.1.12.10.1.2': 'a PKCS#12 encrypted key bag',
  '1.2.840.113549.1.12.10.1.3': 'a PKCS#12 certificate bag (a fragment of a .pfx, not a whole file)',
  '1.2.840.113549.1.12.10.1.4': 'a PKCS#12 CRL bag',
};

/** Hash algorithm OIDs to node:crypto names. */
export const HASHES: Record<string, string> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.5': 'sha512-224',
  '2.16.840.1.101.3.4.2.6': 'sha512-256',
  '1.3.6.1.4.1.1722.12.2.1.16': 'blake2b512',
};

/** HMAC PRF OIDs (PBKDF2, PBMAC1) to node:crypto hash names. */
export const HMACS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
  '1.2.840.113549.2.12': 'sha512-224',
  '1.2.840.113549.2.13': 'sha512-256',
};

/** Names for encryption OIDs we may have to refuse, so UNSUPPORTED_ENCRYPTION can name them. */
export const ENCRYPTION_NAMES: Record<string, string> = {
  '1.2.840.113549.1.5.1': 'pbeWithMD2AndDES-CBC',
  '1.2.840.113549.1.5.4': 'pbeWithMD2AndRC2-CBC',
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.6': 'pbeWithMD5AndRC2-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.1.5.11': 'pbeWithSHA1AndRC2-CBC',
  '1.2.840.113549.1.5.13': 'PBES2',
  '1.2.840.113549.1.5.12': 'PBKDF2',
  '1.2.840.113549.1.5.14': 'PBMAC1',
  '1.3.6.1.4.1.11591.4.11': 'scrypt',
  '1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
  '1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
  '1.2.840.113549.1.12.1.3': 'pbeWithSHAAnd3-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.4': 'pbeWithSHAAnd2-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.5': 'pbeWithSHAAnd128BitRC2-CBC',
  '1.2.840.113549.1.12.1.6': 'pbeWithSHAAnd40BitRC2-CBC',
  '2.16.840.1.101.3.4.1.2': 'aes128-CBC',
  '2.16.840.1.101.3.4.1.22': 'aes192-CBC',
  '2.16.840.1.101.3.4.1.42': 'aes256-CBC',
  '2.16.840.1.101.3.4.1.6': 'aes128-GCM',
  '2.16.840.1.101.3.4.1.26': 'aes192-GCM',
  '2.16.840.1.101.3.4.1.46': 'aes256-GCM',
  '1.2.840.113549.3.7': 'des-ede3-cbc',
  '1.3.14.3.2.7': 'des-cbc',
  '1.2.840.113549.3.2': 'rc2-cbc',
  '1.2.643.2.2.21': 'GOST 28147-89',
  '1.2.643.7.1.1.5.1': 'GOST R 34.12-2015 Magma',
  '1.2.643.7.1.1.5.2': 'GOST R 34.12-2015 Kuznyechik',
  '1.2.156.10197.1.104.2': 'SM4-CBC',
  '1.3.6.1.4.1.1722.12.2.1.16': 'BLAKE2b-512',
  '1.2.840.113549.2.2': 'MD2',
};

/** "name (oid)" for messages, or just the OID. */
export function describeOid(oid: string): string {
  const name = ENCRYPTION_NAMES[oid] ?? SIGNATURE_ALGORITHMS[oid];
  return name ? `${name} (${oid})` : oid;
}
