import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { storeNameSchema } from './certificate';

/** Largest single file accepted for import: far above any real bundle, small enough to refuse junk fast. */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

export const importFileSchema = z.object({
  /** Shown back in the result; only a label (content decides the format, never the extension). */
  name: z.string().min(1).max(1024),
  contentBase64: z.string().max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4),
  /** Where the content came from, so a refusal speaks of "the pasted text" or "standard input" rather than "the file"; absent means a file. */
  source: z.enum(['file', 'paste', 'stdin']).optional(),
});
export type ImportFile = z.infer<typeof importFileSchema>;

export const importRequestSchema = z.object({
  files: z.array(importFileSchema).min(1).max(10_000),
  password: z.string().max(1024).optional(),
  /** Force every imported certificate into this store; otherwise each gets its suggested store. */
  store: storeNameSchema.optional(),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importedCertificateSchema = z.object({
  sha256: z.string(),
  subject: z.string(),
  store: storeNameSchema,
  /** True when this exact certificate (same SHA-256 of its DER) was already stored. */
  duplicate: z.boolean(),
  hasPrivateKey: z.boolean(),
});

/** One entry per file, as `certmapper cert import --json` prints it. */
export const importFileResultSchema = z.object({
  file: z.string(),
  ok: z.boolean(),
  certificates: z.array(importedCertificateSchema),
  crls: z.number(),
  privateKeys: z.number(),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).optional(),
});
export type ImportFileResult = z.infer<typeof importFileResultSchema>;
