import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/models/decision';
import { decidedByLabel } from '../../../renderer/src/audit/decided-by-label';
import { filterAudit } from '../../../renderer/src/audit/filter-audit';

const MAPPING_ID = '6f1c2a7e-93b4-4d0e-8a51-2c9f04b7e3d1';

function record(decidedBy: string | null): AuditRecord {
  return {
    time: '2026-12-03T08:10:00.000Z',
    site: 'Shop',
    path: '/',
    client: '127.0.0.1',
    certificateSha256: null,
    certificateSubject: null,
    status: '200.0',
    account: 'alice',
    decidedBy,
    failedStep: null,
    micros: 12,
  };
}

// The Audit Log's "Decided by" column: decidedByOf's text, shown without the mapping's id.
describe('what decided, as the Audit Log shows it', () => {
  it.each([
    [`one-to-one ${MAPPING_ID} (CN=alice, O=Example)`, 'CN=alice, O=Example (one-to-one)'],
    [`one-to-one ${MAPPING_ID} (CN=Alice (Sales), O=Example)`, 'CN=Alice (Sales), O=Example (one-to-one)'],
    ['many-to-one "Staff"', '"Staff" (many-to-one)'],
    ['many-to-one "The "A" team"', '"The "A" team" (many-to-one)'],
    ['anonymous', 'Anonymous'],
    ['the directory mapper', 'the directory mapper'],
  ])('%s', (decidedBy, label) => {
    expect(decidedByLabel(decidedBy)).toBe(label);
  });

  it('is found by the search box from the row\'s words and from the full text with the id', () => {
    const records = [record(`one-to-one ${MAPPING_ID} (CN=alice, O=Example)`), record('many-to-one "Staff"'), record('anonymous'), record(null)];
    const found = (text: string) => filterAudit(records, { site: '', status: '', text }, new Map()).map((r) => r.decidedBy);
    expect(found('CN=alice, O=Example (one-to-one)')).toEqual([records[0]!.decidedBy]);
    expect(found(MAPPING_ID.slice(0, 8))).toEqual([records[0]!.decidedBy]);
    expect(found('"staff" (many-to-one)')).toEqual(['many-to-one "Staff"']);
    expect(found('Anonymous')).toEqual(['anonymous']);
  });
});
