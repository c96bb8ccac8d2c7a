import { z } from 'zod';

/** IIS's three client-certificate settings (sslFlags SslNegotiateCert / SslRequireCert). */
export const CLIENT_CERTIFICATE_MODES = ['ignore', 'accept', 'require'] as const;
export const REVOCATION_MODES = ['strict', 'cached', 'off'] as const;

/** Directory security of a site root or folder (mapping-spec section 1). */
export const folderSecuritySchema = z.object({
  requireTls: z.boolean(),
  clientCertificates: z.enum(CLIENT_CERTIFICATE_MODES),
  mapping: z.boolean(),
  anonymous: z.boolean(),
  revocation: z.enum(REVOCATION_MODES),
});
export type FolderSecurity = z.infer<typeof folderSecuritySchema>;

/** What a new site starts with: IIS's secure defaults, anonymous access off (spec 2, section 2). */
export const DEFAULT_SECURITY: FolderSecurity = {
  requireTls: true,
  clientCertificates: 'require',
  mapping: true,
  anonymous: false,
  revocation: 'strict',
};

/** Allow or deny an account, a group, every mapped user ('*') or anonymous users ('?'): IIS URL authorization. */
export const authorizationRuleSchema = z.object({
  access: z.enum(['allow', 'deny']),
  kind: z.enum(['account', 'group', 'everyone', 'anonymous']),
  name: z.string().max(256),
});
export type AuthorizationRule = z.infer<typeof authorizationRuleSchema>;

/** A URL path whose settings override the site's; unset fields inherit. */
export const folderSchema = z.object({
  path: z.string().regex(/^\/[^?#]*$/, 'a folder is a URL path starting with /'),
  security: folderSecuritySchema.partial(),
  /** Empty: everyone the mapping let in may enter (IIS's default "Allow All Users"). */
  authorization: z.array(authorizationRuleSchema),
});
export type Folder = z.infer<typeof folderSchema>;

/** One listening endpoint of a site. address '*' is all addresses; host is matched by SNI. */
export const bindingSchema = z.object({
  protocol: z.enum(['https', 'http']),
  address: z.string().min(1).max(64),
  port: z.number().int().min(0).max(65535),
  host: z.string().max(253).nullable(),
  /** The server certificate of an https binding (SHA-256 in the Server store); null: the site's. */
  certificateSha256: z.string().nullable(),
});
export type Binding = z.infer<typeof bindingSchema>;

export const contentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), directory: z.string().min(1) }),
  z.object({ kind: z.literal('upstream'), url: z.string().url() }),
]);
export type SiteContent = z.infer<typeof contentSchema>;

/** Header names the gateway sets upstream; incoming copies are always removed. cert null: not sent. */
export const identityHeadersSchema = z.object({
  user: z.string().min(1),
  sha256: z.string().min(1),
  subject: z.string().min(1),
  certificate: z.string().min(1).nullable(),
});
export type IdentityHeaders = z.infer<typeof identityHeadersSchema>;

export const DEFAULT_IDENTITY_HEADERS: IdentityHeaders = {
  user: 'X-Remote-User',
  sha256: 'X-Client-Cert-Sha256',
  subject: 'X-Client-Cert-Subject',
  certificate: null,
};

/** Sub-fields of Subject and Issuer as IIS names them (IIS 6 added GN, I, T, E; we add DC, UID, serialNumber, SN, STREET). */
export const NAME_SUB_FIELDS = ['CN', 'OU', 'O', 'L', 'S', 'C', 'E', 'DC', 'UID', 'serialNumber', 'T', 'GN', 'SN', 'I', 'STREET'] as const;
export const SAN_FIELDS = ['san.email', 'san.dns', 'san.upn', 'san.uri', 'san.ip'] as const;
export const OTHER_FIELDS = ['serial', 'eku', 'policy', 'issuer.sha256'] as const;

/** Every field a many-to-one rule may test; a dotted OID (subject.2.5.4.12) reaches any other attribute. */
export const MATCH_FIELD_PATTERN = new RegExp(
  `^(subject|issuer)\\.(${NAME_SUB_FIELDS.join('|')}|[0-2](\\.\\d+)+)$|^(${[...SAN_FIELDS, ...OTHER_FIELDS].join('|').replace(/\./g, '\\.')})$`,
);

/** One rule of a many-to-one mapping: FIELD matches PATTERN ('*' wildcard, whole value). */
export const matchRuleSchema = z.object({
  /** subject.CN, issuer.O, san.email, san.dns, san.upn, san.uri, serial, eku, policy, issuer.sha256 ... */
  field: z.string().regex(MATCH_FIELD_PATTERN, 'unknown certificate field (see certmapper rule --help for the list)'),
  pattern: z.string().min(1).max(1024),
  caseSensitive: z.boolean(),
});
export type MatchRule = z.infer<typeof matchRuleSchema>;

/** This exact certificate (by SHA-256 of its DER) logs on as this account (spec section 2). */
export const oneToOneMappingSchema = z.object({
  id: z.string(),
  certificateSha256: z.string(),
  /** Subject at the time of mapping, for display only: matching is by DER. */
  subject: z.string(),
  account: z.string().min(1),
  enabled: z.boolean(),
  /** A password for this mapping is in the vault (forwarded upstream as HTTP Basic). */
  hasPassword: z.boolean(),
});
export type OneToOneMapping = z.infer<typeof oneToOneMappingSchema>;

/** Ordered rule-based mapping: all rules must match; first enabled match decides (spec section 3). */
export const manyToOneMappingSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(256),
  description: z.string().max(1024),
  enabled: z.boolean(),
  permission: z.enum(['allow', 'deny']),
  account: z.string().nullable(),
  rules: z.array(matchRuleSchema),
  hasPassword: z.boolean(),
});
export type ManyToOneMapping = z.infer<typeof manyToOneMappingSchema>;

/** A site: bindings, content, security, trust and mappings. */
export const siteSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(256),
  bindings: z.array(bindingSchema),
  serverCertificateSha256: z.string().nullable(),
  content: contentSchema,
  security: folderSecuritySchema,
  authorization: z.array(authorizationRuleSchema),
  folders: z.array(folderSchema),
  /** Roots and intermediates (SHA-256) whose names the CertificateRequest advertises. */
  trustedIssuers: z.array(z.string()),
  /** local: the one-to-one and many-to-one mappings; directory: the LDAP mapper. Never both. */
  mappingMode: z.enum(['local', 'directory']),
  oneToOneEnabled: z.boolean(),
  manyToOneEnabled: z.boolean(),
  oneToOne: z.array(oneToOneMappingSchema),
  manyToOne: z.array(manyToOneMappingSchema),
  identityHeaders: identityHeadersSchema,
  /** IIS errorMode: detailed bodies for loopback clients only (DetailedLocalOnly), always, or never. */
  detailedErrors: z.enum(['local-only', 'on', 'off']),
});
export type Site = z.infer<typeof siteSchema>;

/** A local account that mappings log on as. */
export const accountSchema = z.object({
  name: z.string().min(1).max(256),
  groups: z.array(z.string()),
  description: z.string().max(1024),
  /** Written as the rfc822Name of client certificates the local authority issues for the account. */
  email: z.string().email().max(254).optional(),
  /** User principal name (user@domain), written as the UPN otherName of those certificates (Windows logon mapping). */
  upn: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'a UPN looks like user@domain').max(1024).optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** A new site as the product creates it: IIS's secure defaults, local mapper, no mappings or trust yet. */
export function newSite(fields: Pick<Site, 'id' | 'name' | 'bindings' | 'serverCertificateSha256' | 'content'>): Site {
  return {
    ...fields,
    security: { ...DEFAULT_SECURITY },
    authorization: [],
    folders: [],
    trustedIssuers: [],
    mappingMode: 'local',
    oneToOneEnabled: true,
    manyToOneEnabled: true,
    oneToOne: [],
    manyToOne: [],
    identityHeaders: { ...DEFAULT_IDENTITY_HEADERS },
    detailedErrors: 'local-only',
  };
}
