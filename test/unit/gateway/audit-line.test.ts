import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/models/decision';
import { AuditBatch } from '../../../main/gateway/audit-batch';
import { auditFields, auditPeer, parseAuditLine } from '../../../main/gateway/audit-line';

// The gateway writes audit records as bytes it assembles from pre-serialized parts (audit-line.ts,
// audit-batch.ts); readers parse them as JSON. The text must be exactly what JSON.stringify(record)
// gives, whatever the strings hold.

function fieldsOf(record: AuditRecord): Uint8Array {
  const certificate = record.certificateSha256 === null ? null : { sha256: record.certificateSha256, subject: record.certificateSubject ?? '' };
  const peer = auditPeer(record.site, record.client, certificate);
  return auditFields(peer, record.path, { status: record.status, account: record.account, decidedBy: record.decidedBy, failedStep: record.failedStep });
}

/** A batch writer whose batches are collected as text; `batchBytes` small to make it send often. */
function collectingBatch(batchBytes?: number) {
  const batches: string[] = [];
  const batch = new AuditBatch((bytes) => batches.push(Buffer.from(bytes).toString('utf8')), 60_000, batchBytes);
  return { batch, batches, text: () => (batch.flush(), batches.join('')) };
}

function viaParts(record: AuditRecord, timeMs: number): string {
  const { batch, text } = collectingBatch();
  batch.add(timeMs, fieldsOf(record), record.micros);
  return text();
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

  it('write the time as toISOString and the microseconds as JSON does, across milliseconds, seconds and days', () => {
    const { batch, text } = collectingBatch();
    const fields = fieldsOf(base);
    const start = Date.parse('2025-12-31T23:59:58.000Z');
    const times: number[] = [];
    for (let ms = start; ms < start + 4000; ms += 7) times.push(ms);
    // Going back in time (a clock step) formats the earlier second again.
    times.push(start - 1, 0, 5, 50, 999, 1000, 86_399_999);
    const micros = [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, 987_654_321];
    times.forEach((ms, i) => batch.add(ms, fields, micros[i % micros.length]!));
    const records = text().trimEnd().split('\n').map(parseAuditLine);
    expect(records.map((r) => r.time)).toEqual(times.map((ms) => new Date(ms).toISOString()));
    expect(records.map((r) => r.micros)).toEqual(times.map((_, i) => micros[i % micros.length]));
  });

  it('come out whole and in order when batches fill up, and a record larger than the buffer is kept', () => {
    const { batch, batches, text } = collectingBatch(1024);
    const huge = { ...base, path: `/${'x'.repeat(10_000)}` };
    const records = Array.from({ length: 200 }, (_, i) => (i === 77 ? huge : { ...base, path: `/page/${i}`, micros: i }));
    for (const record of records) batch.add(Date.parse(record.time), fieldsOf(record), record.micros);
    const all = text();
    expect(batches.length).toBeGreaterThan(10);
    // Every batch is whole lines.
    for (const chunk of batches) expect(chunk.endsWith('\n')).toBe(true);
    expect(all).toBe(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });

  it('refill a batch buffer only after its receiver released it, so a batch still being written is never overwritten', () => {
    const sent: { text: string; bytes: Uint8Array; release: () => void }[] = [];
    let releaseAtOnce = false;
    const batch = new AuditBatch(
      (bytes, release) => {
        sent.push({ text: Buffer.from(bytes).toString('utf8'), bytes, release });
        if (releaseAtOnce) {
          release();
          release(); // a second call changes nothing
        }
      },
      60_000,
      1024,
    );
    const records = Array.from({ length: 600 }, (_, i) => ({ ...base, path: `/page/${i}`, micros: i }));
    const add = (from: number, to: number) => records.slice(from, to).forEach((r) => batch.add(Date.parse(r.time), fieldsOf(r), r.micros));
    // A slow disk: nothing released, and every batch keeps the bytes it was sent with while later ones fill.
    add(0, 200);
    const held = sent.length;
    expect(held).toBeGreaterThan(5);
    for (const batchSent of sent) expect(Buffer.from(batchSent.bytes).toString('utf8')).toBe(batchSent.text);
    // The disk catches up, then keeps up: the buffers go round instead of new ones being made.
    for (const batchSent of sent) batchSent.release();
    releaseAtOnce = true;
    add(200, 600);
    batch.flush();
    const later = sent.slice(held);
    expect(later.length).toBeGreaterThan(10);
    expect(new Set(later.map((batchSent) => batchSent.bytes.buffer)).size).toBeLessThanOrEqual(3);
    expect(sent.map((batchSent) => batchSent.text).join('')).toBe(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });
});
