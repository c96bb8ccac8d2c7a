import { z } from 'zod';
import {
  certificateDetailsSchema,
  certificateListItemSchema,
  certificateSummarySchema,
  crlSummarySchema,
  exportFormatSchema,
  sha256HexSchema,
  storeNameSchema,
} from '../models/certificate';
import { importFileResultSchema, importRequestSchema } from '../models/import';
import {
  accountSchema,
  authorizationRuleSchema,
  bindingSchema,
  contentSchema,
  folderSecuritySchema,
  identityHeadersSchema,
  manyToOneMappingSchema,
  matchRuleSchema,
  oneToOneMappingSchema,
  siteSchema,
} from '../models/site';
import { auditRecordSchema, decisionSchema } from '../models/decision';
import {
  createRequestResultSchema,
  createRequestSchema,
  exportedFileSchema,
  exportPkcs12InputSchema,
  exportPkcs8InputSchema,
  importKeyInputSchema,
  importKeyResultSchema,
  installInputSchema,
  installResultSchema,
  keyInfoSchema,
  pendingRequestSchema,
} from '../models/key';
import { bindingConflictSchema, bindingInputSchema, bindingKeySchema, bindingRowSchema } from '../models/binding';
import { expiryLeadDaysSchema, expiryOverviewSchema } from '../models/expiry';
import {
  authorityInfoSchema,
  authorityInitInputSchema,
  crlFileSchema,
  issueClientInputSchema,
  issueClientResultSchema,
  issuedCertificateSchema,
  revokeInputSchema,
  revokeResultSchema,
  signRequestInputSchema,
  signRequestResultSchema,
} from '../models/authority';
import { rebindInputSchema, rebindResultSchema, renewalPlanSchema, renewInputSchema, renewResultSchema } from '../models/renewal';

/** A channel: one name, what it takes and what it answers. Declared once, used by every transport. */
export interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Whether the handler changes stored data (the web console refreshes on the matching event). */
  mutates: boolean;
  /** What a mutating call announces as changed when it is more than its own prefix (the renewal touches several documents). */
  topics?: readonly DataChangedEvent['topic'][];
  summary: string;
}

const channel = <I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>) => spec;

const noInput = z.object({}).strict();
const siteRef = z.string().min(1).max(256);
const folderPath = z.string().regex(/^\/[^?#]*$/, 'a path starts with /').max(2048);

export const appInfoSchema = z.object({
  product: z.literal('CertMapper'),
  version: z.string(),
  dataDir: z.string(),
  transport: z.enum(['electron', 'http', 'cli']),
  counts: z.object({ certificates: z.number(), crls: z.number() }),
  notices: z.array(z.string()),
  /** What this run's first start created, for the start page to say once. */
  firstStart: z.array(z.string()),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Every channel of the product. Adding one here forces a handler (checked by the compiler and a test). */
export const contract = {
  'app.info': channel({
    input: noInput,
    output: appInfoSchema,
    mutates: false,
    summary: 'Product version, data folder and counts for the status bar',
  }),
  'certificates.list': channel({
    input: z.object({ store: storeNameSchema.optional() }).strict(),
    output: z.object({ items: z.array(certificateListItemSchema) }),
    mutates: false,
    summary: 'Every stored certificate (summaries computed at import), with its revocation status from the store',
  }),
  'certificates.get': channel({
    input: z.object({ sha256: sha256HexSchema }).strict(),
    output: certificateDetailsSchema,
    mutates: false,
    summary: 'Details of one certificate with its chain built from the store',
  }),
  'certificates.import': channel({
    input: importRequestSchema.strict(),
    output: z.object({ results: z.array(importFileResultSchema) }),
    mutates: true,
    summary: 'Import files of any encoding; one result per file',
  }),
  'certificates.export': channel({
    input: z.object({ sha256: sha256HexSchema, format: exportFormatSchema }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
    mutates: false,
    summary: 'Export one certificate as PEM, DER or PKCS#7',
  }),
  'certificates.move': channel({
    input: z.object({ sha256: sha256HexSchema, store: storeNameSchema }).strict(),
    output: certificateSummarySchema,
    mutates: true,
    summary: 'Move a certificate to another store',
  }),
  'certificates.delete': channel({
    input: z.object({ sha256: sha256HexSchema }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    mutates: true,
    summary: 'Delete a certificate (and its private key)',
  }),
  'crls.list': channel({
    input: noInput,
    output: z.object({ items: z.array(crlSummarySchema) }),
    mutates: false,
    summary: 'Certificate revocation lists kept for revocation checks',
  }),
  'sites.list': channel({
    input: noInput,
    output: z.object({ items: z.array(siteSchema) }),
    mutates: false,
    summary: 'Every site with its bindings, security, trust and mappings',
  }),
  'sites.get': channel({
    input: z.object({ site: siteRef }).strict(),
    output: siteSchema,
    mutates: false,
    summary: 'One site by name or id',
  }),
  'sites.add': channel({
    input: z
      .object({
        name: z.string().min(1).max(256),
        bindings: z.array(bindingSchema).min(1).max(64),
        serverCertificateSha256: sha256HexSchema.nullable().optional(),
        content: contentSchema,
      })
      .strict(),
    output: siteSchema,
    mutates: true,
    summary: 'Add a site',
  }),
  'sites.remove': channel({
    input: z.object({ site: siteRef }).strict(),
    output: z.object({ removed: z.literal(true) }),
    mutates: true,
    summary: 'Remove a site with its mappings',
  }),
  'sites.setSecurity': channel({
    input: z.object({ site: siteRef, path: folderPath.optional(), security: folderSecuritySchema.partial() }).strict(),
    output: siteSchema,
    mutates: true,
    summary: 'SSL Settings of the site root or a folder (require TLS, client certificates, mapping, anonymous, revocation)',
  }),
  'sites.removeFolder': channel({
    input: z.object({ site: siteRef, path: folderPath }).strict(),
    output: siteSchema,
    mutates: true,
    summary: 'Remove a folder with its SSL settings and authorization rules ("/", the site itself, is refused)',
  }),
  'sites.setTrust': channel({
    input: z.object({ site: siteRef, add: z.array(sha256HexSchema).default([]), remove: z.array(sha256HexSchema).default([]) }).strict(),
    output: siteSchema,
    mutates: true,
    summary: 'Trusted issuers of a site (what the TLS CertificateRequest advertises)',
  }),
  'sites.advertisedIssuers': channel({
    input: z.object({ site: siteRef }).strict(),
    output: z.object({ names: z.array(z.object({ sha256: z.string(), subject: z.string(), bytes: z.number() })), totalBytes: z.number() }),
    mutates: false,
    summary: 'The CA names the TLS CertificateRequest advertises for a site, with their size in bytes',
  }),
  'sites.setOptions': channel({
    input: z
      .object({
        site: siteRef,
        mappingMode: z.enum(['local', 'directory']).optional(),
        detailedErrors: z.enum(['local-only', 'on', 'off']).optional(),
        identityHeaders: identityHeadersSchema.partial().optional(),
        oneToOneEnabled: z.boolean().optional(),
        manyToOneEnabled: z.boolean().optional(),
      })
      .strict(),
    output: siteSchema,
    mutates: true,
    summary: 'Mapping mode (local or directory: only one is active), detailed errors, identity headers',
  }),
  'sites.authorization.add': channel({
    input: z.object({ site: siteRef, path: folderPath.optional(), rule: authorizationRuleSchema }).strict(),
    output: siteSchema,
    mutates: true,
    summary: 'Allow or deny an account or group on a folder (refusal: 401.3)',
  }),
  'sites.authorization.remove': channel({
    input: z.object({ site: siteRef, path: folderPath.optional(), index: z.number().int().min(0) }).strict(),
    output: siteSchema,
    mutates: true,
    summary: 'Remove an authorization rule by its position',
  }),
  'mappings.oneToOne.add': channel({
    input: z
      .object({ site: siteRef, certificateSha256: sha256HexSchema, account: z.string().min(1), enabled: z.boolean().default(true), password: z.string().max(1024).optional() })
      .strict(),
    output: oneToOneMappingSchema,
    mutates: true,
    summary: 'Map this exact certificate to an account',
  }),
  'mappings.oneToOne.remove': channel({
    input: z.object({ site: siteRef, mapping: z.string().min(1) }).strict(),
    output: z.object({ removed: z.literal(true) }),
    mutates: true,
    summary: 'Remove a one-to-one mapping (by id or certificate SHA-256)',
  }),
  'mappings.oneToOne.setEnabled': channel({
    input: z.object({ site: siteRef, mapping: z.string().min(1), enabled: z.boolean() }).strict(),
    output: z.object({ updated: z.literal(true) }),
    mutates: true,
    summary: 'Enable or disable a one-to-one mapping',
  }),
  'mappings.manyToOne.add': channel({
    input: z
      .object({
        site: siteRef,
        name: z.string().min(1).max(256),
        description: z.string().max(1024).optional(),
        permission: z.enum(['allow', 'deny']),
        account: z.string().min(1).nullable().optional(),
        rules: z.array(matchRuleSchema).min(1).max(64),
        enabled: z.boolean().default(true),
        position: z.number().int().min(1).optional(),
        password: z.string().max(1024).optional(),
      })
      .strict(),
    output: manyToOneMappingSchema,
    mutates: true,
    summary: 'Add an ordered rule-based mapping (rules ANDed, allow or deny)',
  }),
  'mappings.manyToOne.move': channel({
    input: z.object({ site: siteRef, name: z.string().min(1), position: z.number().int().min(1) }).strict(),
    output: z.object({ items: z.array(manyToOneMappingSchema) }),
    mutates: true,
    summary: 'Move Up / Move Down: the first match wins',
  }),
  'mappings.manyToOne.remove': channel({
    input: z.object({ site: siteRef, name: z.string().min(1) }).strict(),
    output: z.object({ removed: z.literal(true) }),
    mutates: true,
    summary: 'Remove a many-to-one mapping',
  }),
  'accounts.list': channel({
    input: noInput,
    output: z.object({ items: z.array(accountSchema) }),
    mutates: false,
    summary: 'Local accounts and their groups',
  }),
  'accounts.upsert': channel({
    input: z
      .object({
        name: z.string().min(1).max(256),
        groups: z.array(z.string().min(1)).default([]),
        description: z.string().max(1024).default(''),
        email: accountSchema.shape.email,
        upn: accountSchema.shape.upn,
        /** Only add: refuse (CONFLICT) when the account exists, rather than replace its groups. */
        create: z.boolean().optional(),
      })
      .strict(),
    output: accountSchema,
    mutates: true,
    summary: 'Add an account or change its groups',
  }),
  'accounts.remove': channel({
    input: z.object({ name: z.string().min(1) }).strict(),
    output: z.object({ removed: z.literal(true) }),
    mutates: true,
    summary: 'Remove an account no mapping uses',
  }),
  'whatif.run': channel({
    input: z
      .object({
        site: siteRef,
        certificateBase64: z.string().min(1).max(1_000_000),
        chainBase64: z.array(z.string().max(1_000_000)).max(16).default([]),
        // Opens a PKCS#12 certificate or chain file (one password for all, as `whatif --password`); never stored or logged.
        password: z.string().max(1024).optional(),
        path: folderPath.default('/'),
        at: z.string().datetime({ offset: true }).optional(),
      })
      .strict(),
    output: decisionSchema,
    mutates: false,
    summary: 'Run the gateway decision for a certificate without a connection, with the full trace',
  }),
  'mappings.preview': channel({
    input: z.object({ rules: z.array(matchRuleSchema).min(1).max(64) }).strict(),
    output: z.object({ matches: z.array(z.object({ sha256: z.string(), subject: z.string() })), examined: z.number() }),
    mutates: false,
    summary: 'Which stored client certificates a set of many-to-one rules would match (the rule editor preview)',
  }),
  'audit.recent': channel({
    input: z.object({ limit: z.number().int().min(1).max(10_000).default(500), site: z.string().optional(), status: z.string().optional() }).strict(),
    output: z.object({ items: z.array(auditRecordSchema) }),
    mutates: false,
    summary: 'The newest audit records (one per gateway decision), newest first',
  }),
  'bindings.list': channel({
    input: noInput,
    output: z.object({ items: z.array(bindingRowSchema) }),
    mutates: false,
    summary: "Every site's bindings in one place, with the certificate each presents",
  }),
  'bindings.check': channel({
    input: z.object({ site: siteRef, binding: bindingKeySchema, replacing: bindingKeySchema.nullable().optional() }).strict(),
    output: z.object({ conflicts: z.array(bindingConflictSchema) }),
    mutates: false,
    summary: 'Why a binding could not be saved (same address:port:host, all addresses against one, the port held by another program), before saving',
  }),
  'bindings.add': channel({
    input: z.object({ site: siteRef, binding: bindingInputSchema }).strict(),
    output: bindingRowSchema,
    mutates: true,
    summary: 'Add a binding to a site (refused with CONFLICT and the explanation)',
  }),
  'bindings.update': channel({
    input: z.object({ site: siteRef, binding: bindingKeySchema, to: bindingInputSchema }).strict(),
    output: bindingRowSchema,
    mutates: true,
    summary: "Edit a binding in place (address, port, host name or certificate); a new certificate is presented from the next handshake",
  }),
  'bindings.remove': channel({
    input: z.object({ site: siteRef, binding: bindingKeySchema }).strict(),
    output: z.object({ removed: z.literal(true) }),
    mutates: true,
    summary: 'Remove a binding from a site (not its last one)',
  }),
  'expiry.overview': channel({
    input: z.object({ scope: z.enum(['in-use', 'all']).default('in-use'), withinDays: z.number().int().min(0).max(36500).optional() }).strict(),
    output: expiryOverviewSchema,
    mutates: false,
    summary: 'What expires when (certificates and CRL next updates), where each is used, and the warning at the lead time',
  }),
  'expiry.setLeadDays': channel({
    input: z.object({ days: expiryLeadDaysSchema }).strict(),
    output: z.object({ leadDays: z.number() }),
    mutates: true,
    summary: 'How many days ahead expiry warnings start (stored in the configuration)',
  }),
  'keys.list': channel({
    input: noInput,
    output: z.object({ keys: z.array(keyInfoSchema), requests: z.array(pendingRequestSchema) }),
    mutates: false,
    summary: 'Key Manager: keys (references; private keys are in the vault) with their certificates, and pending requests',
  }),
  'keys.createRequest': channel({
    input: createRequestSchema.strict(),
    output: createRequestResultSchema,
    mutates: true,
    summary: 'Create Certificate Request: a new key (or a reused one) and a PKCS#10 request that waits as pending',
  }),
  'keys.install': channel({
    input: installInputSchema.strict(),
    output: installResultSchema,
    mutates: true,
    topics: ['keys', 'certificates'],
    summary: "Complete Certificate Request: install the authority's reply (any encoding) with its pending key; a reply for another key is refused",
  }),
  'keys.import': channel({
    input: importKeyInputSchema.strict(),
    output: importKeyResultSchema,
    mutates: true,
    summary: 'Import private keys from PKCS#12 or PKCS#8 (encrypted or not) into the vault',
  }),
  'keys.exportPkcs12': channel({
    input: exportPkcs12InputSchema.strict(),
    output: exportedFileSchema,
    mutates: false,
    summary: 'Export a certificate with its key (and chain) as a password-protected PKCS#12 file (AES-256)',
  }),
  'keys.exportPkcs8': channel({
    input: exportPkcs8InputSchema,
    output: exportedFileSchema,
    mutates: false,
    summary: 'Export a private key as encrypted PKCS#8 (AES-256)',
  }),
  'keys.cancelRequest': channel({
    input: z.object({ requestId: z.string().min(1).max(128) }).strict(),
    output: z.object({ removed: z.literal(true) }),
    mutates: true,
    summary: 'Forget a pending request (its key is kept)',
  }),
  'keys.delete': channel({
    input: z.object({ key: z.string().min(1).max(128) }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    mutates: true,
    summary: 'Delete a key and its pending requests (installed certificates keep their own copy of the key)',
  }),
  'authority.status': channel({
    input: noInput,
    output: z.object({ authority: authorityInfoSchema.nullable() }),
    mutates: false,
    summary: 'The local certificate authority (root, intermediate, CRLs), or null before it is created',
  }),
  'authority.init': channel({
    input: authorityInitInputSchema,
    output: authorityInfoSchema,
    mutates: true,
    summary: 'Create the local certificate authority (once per data folder)',
  }),
  'authority.issued': channel({
    input: noInput,
    output: z.object({ items: z.array(issuedCertificateSchema) }),
    mutates: false,
    summary: 'Every certificate the local authority issued, newest first, with its status',
  }),
  'authority.issueClient': channel({
    input: issueClientInputSchema,
    output: issueClientResultSchema,
    mutates: true,
    summary: 'Issue a client certificate for an account as a password-protected PKCS#12, optionally mapped on a site',
  }),
  'authority.signRequest': channel({
    input: signRequestInputSchema,
    output: signRequestResultSchema,
    mutates: true,
    summary: 'Sign a PKCS#10 request made elsewhere as a client or server certificate',
  }),
  'authority.revoke': channel({
    input: revokeInputSchema,
    output: revokeResultSchema,
    mutates: true,
    // The reissued CRL lands in the certificate store: certificate lists show the revocation.
    topics: ['authority', 'certificates'],
    summary: 'Revoke an issued certificate with a reason; the CRL is reissued and the gateway follows',
  }),
  'authority.crl': channel({
    input: z.object({ role: z.enum(['issuing', 'root']).default('issuing') }).strict(),
    output: crlFileSchema,
    mutates: false,
    summary: 'The current CRL of the issuing CA (or of the root), DER',
  }),
  'renewal.plan': channel({
    input: z.object({ sha256: sha256HexSchema }).strict(),
    output: renewalPlanSchema,
    mutates: false,
    summary: "Renewal wizard: the certificate's subject, SANs and key prefilled, and every binding and one-to-one mapping that uses it",
  }),
  'renewal.renew': channel({
    input: renewInputSchema.strict(),
    output: renewResultSchema,
    mutates: true,
    topics: ['keys', 'certificates', 'authority'],
    summary: 'Renewal wizard: a request with the same or a new key, signed and installed by the local authority, or saved for another authority',
  }),
  'renewal.rebind': channel({
    input: rebindInputSchema.strict(),
    output: rebindResultSchema,
    mutates: true,
    // certificates: the old certificate's renewal is marked finished, so the lists stop offering Finish Renewal….
    topics: ['bindings', 'sites', 'mappings', 'certificates'],
    summary: "Renewal wizard's last step: the chosen bindings and the one-to-one mappings move to the new certificate (none chosen: left on the old one); the renewal is finished",
  }),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events main pushes to every console; the payload says what changed. */
export const EVENT_NAMES = ['data.changed', 'audit.record'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
/** What each event carries. */
export interface EventPayloads {
  'data.changed': DataChangedEvent;
  'audit.record': z.infer<typeof auditRecordSchema>;
}

export interface DataChangedEvent {
  topic: 'certificates' | 'crls' | 'sites' | 'mappings' | 'accounts' | 'whatif' | 'audit' | 'bindings' | 'expiry' | 'keys' | 'authority';
}
