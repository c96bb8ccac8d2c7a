import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/models/decision';
import { auditFields, auditLine, auditPeer, isoTime, parseAuditLine } from '../../../main/gateway/audit-line';

// The gateway writes audit records as text it assembles from pre-serialized parts; readers parse
// them as JSON. The text must be exactly what JSON.stringify(record) gives, whatever the strings hold.

function viaParts(record: AuditRecord, timeMs: number): string {
  const certificate = record.certificateSha256 === null ? null : { sha256: record.certificateSha256, subject: record.certificateSubject ?? '' };
  const peer = auditPeer(record.site, record.client, certificate);
  const fields = auditFields(peer, record.path, { status: record.status, account: record.account, decidedBy: record.decidedBy, failedStep: record.failedStep });
  return auditLine(timeMs, fields, record.micros);
}

const base: AuditRecord = {
  time: '2025-03-04T05:06:07.089Z',
  site: 'Default Web Site',
  path: '/admin',
  client: '127.0.0.1',
  certificateSha256: 'ab'.repeat(32),
  certificateSubject: 'CN=Alice Example, OU=Staff, O=Corp, C=US',
  status: '401.3',
  account: 'alice',
  decidedBy: 'one-to-one mapping 1',
  failedStep: 'authorization',
  micros: 17,
};

describe('audit lines', () => {
  it('are byte for byte JSON.stringify(record) + "\\n", for plain, refused, anonymous and awkward records', () => {
    const records: AuditRecord[] = [
      base,
      { ...base, status: '200.0', failedStep: null, micros: 0 },
      { ...base, certificateSha256: null, certificateSubject: null, account: null, decidedBy: null, status: '403.7', failedStep: 'client-certificate' },
      {
        ...base,
        site: 'Site "quoted" \\ back',
        path: '/ü/日本/\u0000/\u2028/"x"',
        client: '::ffff:10.0.0.1',
        certificateSubject: 'CN=Zoë \u001f, O="A, B"',
        account: 'DOMAIN\\user',
        micros: 123456,
      },
    ];
    for (const record of records) {
      const line = viaParts(record, Date.parse(record.time));
      expect(line).toBe(`${JSON.stringify(record)}\n`);
      expect(parseAuditLine(line)).toEqual(record);
    }
  });

  it('isoTime is toISOString, across milliseconds, seconds and days', () => {
    const start = Date.parse('2025-12-31T23:59:58.000Z');
    for (let ms = start; ms < start + 4000; ms += 7) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    // Going back in time (a clock step) formats the earlier second again.
    expect(isoTime(start - 1)).toBe(new Date(start - 1).toISOString());
    for (const ms of [0, 5, 50, 999, 1000, 86_399_999]) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });
});
