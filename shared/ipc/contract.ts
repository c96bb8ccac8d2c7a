import { z } from 'zod';
import {
  certificateDetailsSchema,
  certificateSummarySchema,
  crlSummarySchema,
  exportFormatSchema,
  sha256HexSchema,
  storeNameSchema,
} from '../models/certificate';
import { importFileResultSchema, importRequestSchema } from '../models/import';

/** A channel: one name, what it takes and what it answers. Declared once, used by every transport. */
export interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Whether the handler changes stored data (the web console refreshes on the matching event). */
  mutates: boolean;
  summary: string;
}

const channel = <I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>) => spec;

const noInput = z.object({}).strict();

export const appInfoSchema = z.object({
  product: z.literal('CertMapper'),
  version: z.string(),
  dataDir: z.string(),
  transport: z.enum(['electron', 'http', 'cli']),
  counts: z.object({ certificates: z.number(), crls: z.number() }),
  notices: z.array(z.string()),
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
    output: z.object({ items: z.array(certificateSummarySchema) }),
    mutates: false,
    summary: 'Every stored certificate (summaries computed at import)',
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
export const EVENT_NAMES = ['data.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
export interface DataChangedEvent {
  topic: 'certificates' | 'crls';
}
