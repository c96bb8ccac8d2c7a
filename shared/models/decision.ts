import { z } from 'zod';

/** One step of a decision as what-if and the audit log explain it. */
export const traceStepSchema = z.object({
  step: z.string(),
  result: z.enum(['pass', 'fail', 'skip', 'info']),
  detail: z.string(),
});
export type TraceStep = z.infer<typeof traceStepSchema>;

/** The outcome for one request: IIS status.substatus, the account, what decided, and why. */
export const decisionSchema = z.object({
  status: z.number(),
  substatus: z.number(),
  account: z.string().nullable(),
  decidedBy: z.string().nullable(),
  trace: z.array(traceStepSchema),
});
export type Decision = z.infer<typeof decisionSchema>;

/** cert verify's codes, the same words in the CLI, the console and the audit log. */
export const VERIFY_CODES = [
  'ok',
  'untrusted',
  'expired',
  'not-yet-valid',
  'revoked',
  'revocation-unknown',
  'bad-signature',
  'wrong-usage',
  'name-constraints',
  'invalid',
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

export const verifyResultSchema = z.object({
  valid: z.boolean(),
  code: z.enum(VERIFY_CODES),
  message: z.string(),
  /** SHA-256 of each certificate from the leaf to the trust anchor, as far as it was built. */
  chain: z.array(z.string()),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

/** One audit record per gateway decision (architecture.md, "The decision for one request"). */
export const auditRecordSchema = z.object({
  time: z.string(),
  site: z.string(),
  path: z.string(),
  client: z.string(),
  certificateSha256: z.string().nullable(),
  certificateSubject: z.string().nullable(),
  status: z.string(),
  account: z.string().nullable(),
  decidedBy: z.string().nullable(),
  failedStep: z.string().nullable(),
  micros: z.number(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;
