import { z } from 'zod';
import { sha256HexSchema, storeNameSchema } from './certificate';

/**
 * Key algorithms CertMapper generates. Ed25519 is offered because Node's TLS (OpenSSL 3, TLS 1.3)
 * accepts it as a server key, but browsers do not, so it is never the default.
 */
export const KEY_ALGORITHMS = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ed25519'] as const;
export const keyAlgorithmSchema = z.enum(KEY_ALGORITHMS);
export type KeyAlgorithm = z.infer<typeof keyAlgorithmSchema>;
export const DEFAULT_KEY_ALGORITHM: KeyAlgorithm = 'ec-p256';

export const KEY_ALGORITHM_LABELS: Record<KeyAlgorithm, string> = {
  'ec-p256': 'ECDSA P-256',
  'ec-p384': 'ECDSA P-384',
  'rsa-2048': 'RSA 2048',
  'rsa-3072': 'RSA 3072',
  'rsa-4096': 'RSA 4096',
  ed25519: 'Ed25519 (not accepted by browsers)',
};

/**
 * What a request asks for: 'server' (serverAuth, as IIS's Create Certificate Request), 'client'
 * (clientAuth), or 'none' (subject and SANs only: the authority decides the rest).
 */
export const REQUEST_TEMPLATES = ['server', 'client', 'none'] as const;
export const requestTemplateSchema = z.enum(REQUEST_TEMPLATES);
export type RequestTemplate = z.infer<typeof requestTemplateSchema>;

/** Subject alternative names a request can carry (upn: Microsoft's User Principal Name otherName). */
export const REQUEST_SAN_TYPES = ['dns', 'ip', 'email', 'upn', 'uri'] as const;
export const requestSanSchema = z.object({ type: z.enum(REQUEST_SAN_TYPES), value: z.string().min(1).max(2048) });
export type RequestSan = z.infer<typeof requestSanSchema>;

const keyName = z.string().trim().min(1, 'a key needs a name').max(128);
const keyRef = z.string().min(1).max(128);
const password = z.string().min(1, 'a password is required: an exported private key is never written unencrypted').max(1024);

/** A key as config.json holds it: a reference; the private key itself is only in the vault. */
export const storedKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** One of KEY_ALGORITHMS, or null for an imported key CertMapper holds but does not generate (RSA 1024, P-521). */
  algorithm: keyAlgorithmSchema.nullable(),
  /** 'ECDSA P-256', 'RSA 1024', ...: what the key is, whatever its algorithm. */
  algorithmName: z.string(),
  /** Lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER: how a reply finds its key. */
  spkiSha256: z.string(),
  createdAt: z.string(),
  origin: z.enum(['generated', 'imported']),
});
export type StoredKey = z.infer<typeof storedKeySchema>;

/** A PKCS#10 request waiting for the authority's reply (IIS's pending request). */
export const pendingRequestSchema = z.object({
  id: z.string(),
  keyId: z.string(),
  subject: z.string(),
  subjectAltNames: z.array(requestSanSchema),
  template: requestTemplateSchema,
  createdAt: z.string(),
  /** "-----BEGIN CERTIFICATE REQUEST-----": what is sent to the authority, shown again on demand. */
  pem: z.string(),
  /** SHA-256 of the certificate this request renews (the renewal wizard): installing the reply moves its bindings. */
  renews: z.string().nullable().optional(),
});
export type PendingRequest = z.infer<typeof pendingRequestSchema>;

/** A certificate in the store whose public key is this key's. */
export const keyCertificateSchema = z.object({
  sha256: z.string(),
  displayName: z.string(),
  store: storeNameSchema,
  notAfter: z.string(),
});

export const keyInfoSchema = storedKeySchema.extend({
  certificates: z.array(keyCertificateSchema),
  pendingRequests: z.array(z.string()),
});
export type KeyInfo = z.infer<typeof keyInfoSchema>;

export const createRequestSchema = z.object({
  /** The key's name (new key), shown in lists; unique. Ignored when an existing key is reused. */
  name: keyName.optional(),
  algorithm: keyAlgorithmSchema.optional(),
  /** Reuse a Key Manager key (renewal with the same key) instead of generating one. */
  keyId: keyRef.optional(),
  /** Reuse the private key of a stored certificate (renewal of a certificate imported with its key). */
  certificateSha256: sha256HexSchema.optional(),
  /** RFC 4514 order as the store shows names: "CN=www.example.com, O=Example, C=US". */
  subject: z.string().min(1).max(2048),
  subjectAltNames: z.array(requestSanSchema).max(200).default([]),
  template: requestTemplateSchema.default('server'),
});
export type CreateRequestInput = z.input<typeof createRequestSchema>;

export const createRequestResultSchema = z.object({ request: pendingRequestSchema, key: keyInfoSchema });
export type CreateRequestResult = z.infer<typeof createRequestResultSchema>;

export const installInputSchema = z.object({
  /** The authority's reply: PEM, Base64, DER or PKCS#7 (with its chain), as the certificate import reads it. */
  contentBase64: z.string().min(1).max(64 * 1024 * 1024),
  fileName: z.string().max(1024).optional(),
  password: z.string().max(1024).optional(),
  /** Only this pending request may be completed (the console's "Complete" on one request). */
  requestId: keyRef.optional(),
});
export type InstallInput = z.input<typeof installInputSchema>;

export const installedCertificateSchema = z.object({
  sha256: z.string(),
  subject: z.string(),
  store: storeNameSchema,
  /** This exact certificate was already stored (it is then only linked, never duplicated). */
  duplicate: z.boolean(),
});

export const installResultSchema = z.object({
  certificate: installedCertificateSchema,
  /** The reply's other certificates, each in the store the certificate import suggests. */
  chain: z.array(installedCertificateSchema),
  keyId: z.string(),
  /** The pending request this reply completed, or null when it matched a key without one. */
  requestId: z.string().nullable(),
  /** The certificate the completed request renews (its bindings and mappings may now move), or null. */
  renews: z.string().nullable(),
});
export type InstallResult = z.infer<typeof installResultSchema>;

export const importKeyInputSchema = z.object({
  contentBase64: z.string().min(1).max(64 * 1024 * 1024),
  fileName: z.string().min(1).max(1024),
  password: z.string().max(1024).optional(),
  name: keyName.optional(),
});

export const importKeyResultSchema = z.object({
  keys: z.array(z.object({ key: keyInfoSchema, duplicate: z.boolean() })),
  /** Certificates that came with the keys (PKCS#12, PEM with certificate and key), as `cert import` reports them. */
  certificates: z.array(installedCertificateSchema.extend({ hasPrivateKey: z.boolean() })),
});
export type ImportKeyResult = z.infer<typeof importKeyResultSchema>;

export const exportPkcs12InputSchema = z.object({
  certificateSha256: sha256HexSchema,
  password,
  /** Add the issuers found in the store (not the root unless includeRoot). */
  includeChain: z.boolean().default(true),
  includeRoot: z.boolean().default(false),
  friendlyName: z.string().max(256).optional(),
});

export const exportPkcs8InputSchema = z
  .object({ keyId: keyRef.optional(), certificateSha256: sha256HexSchema.optional(), password })
  .strict()
  .refine((input) => (input.keyId === undefined) !== (input.certificateSha256 === undefined), 'name exactly one of keyId or certificateSha256');

export const exportedFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() });
