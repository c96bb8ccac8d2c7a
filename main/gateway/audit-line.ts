import type { AuditRecord } from '../../shared/models/decision';

/**
 * One audit record as its JSON line, built without JSON.stringify of the whole record: the fields
 * that stay the same on a connection (site, client, certificate) are serialized once per connection
 * and site (AuditPeer), those of a decision once per decision (auditFields, as UTF-8 bytes), and
 * AuditBatch writes the time, those bytes and the microseconds into its buffer. The text is exactly
 * JSON.stringify(record) plus "\n" (same fields, same order; test/unit/gateway/audit-line.test.ts),
 * so readers see no difference.
 */
export interface AuditPeer {
  /** `"site":...` */
  readonly site: string;
  /** `"client":...,"certificateSha256":...,"certificateSubject":...` */
  readonly peer: string;
}

const json = JSON.stringify;

export function auditPeer(site: string, client: string, certificate: { sha256: string; subject: string } | null): AuditPeer {
  return {
    site: `"site":${json(site)}`,
    peer: `"client":${json(client)},"certificateSha256":${json(certificate?.sha256 ?? null)},"certificateSubject":${json(certificate?.subject ?? null)}`,
  };
}

/** The record's fields that come from the decision. */
export interface AuditOutcome {
  status: string;
  account: string | null;
  decidedBy: string | null;
  failedStep: string | null;
}

const encoder = new TextEncoder();

/**
 * The record's text after its time, up to the value of "micros", as UTF-8: the same for every
 * request that a decision remembered on its connection answers (request-handler.ts), so it is built
 * and encoded once; AuditBatch copies it into the line of each request.
 */
export function auditFields(peer: AuditPeer, path: string, outcome: AuditOutcome): Uint8Array {
  return encoder.encode(
    `${peer.site},"path":${json(path)},${peer.peer},"status":${json(outcome.status)},"account":${json(outcome.account)},"decidedBy":${json(outcome.decidedBy)},"failedStep":${json(outcome.failedStep)},"micros":`,
  );
}

/** The record a line stands for (main's side, and the tests). */
export const parseAuditLine = (line: string): AuditRecord => JSON.parse(line) as AuditRecord;
