import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/models/decision';
import { auditRecordSchema } from '../../../shared/models/decision';
import { openAuditLog, type AuditLog } from '../../../main/gateway/audit-log';
import { makeTempDir } from '../../helpers/temp-dir';
import { curl, curlCert } from '../../helpers/gateway/clients';
import { GatewayFixture, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// The audit log in main: JSON lines under <dataDir>/audit, rotated by size, and every record handed
// to live listeners (the console) — fed by a real gateway and, for rotation, written directly.

const record = (n: number): AuditRecord => ({
  time: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
  site: 'Default Web Site',
  // Two digits: every line the same length, so the rotation arithmetic below is exact.
  path: `/page/${String(n).padStart(2, '0')}`,
  client: '127.0.0.1',
  certificateSha256: 'ab'.repeat(32),
  certificateSubject: 'CN=Alice',
  status: '200.0',
  account: 'alice',
  decidedBy: 'one-to-one',
  failedStep: null,
  micros: 12,
});

/** One record as the gateway hands it over: its JSON line, as bytes. */
const append = (log: AuditLog, r: AuditRecord) => log.appendLines(Buffer.from(`${JSON.stringify(r)}\n`));
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditRecord);

/** Every record the rotated files of `dir` hold, oldest first: audit.log.(files-1) .. audit.log.1, then audit.log. */
const keptRecords = (dir: string, files: number) =>
  [...Array.from({ length: files - 1 }, (_, i) => `audit.log.${files - 1 - i}`), 'audit.log'].flatMap((name) => lines(join(dir, name)));

describe('audit log', () => {
  it('rotates by size into audit.log.1 .. audit.log.(maxFiles-1), dropping the oldest, losing no record in between', async () => {
    const data = makeTempDir('audit-rotate-');
    try {
      const size = Buffer.byteLength(`${JSON.stringify(record(0))}\n`);
      const log = openAuditLog({ dataDir: data.path, maxBytes: size * 10, maxFiles: 3 });
      for (let n = 0; n < 45; n++) append(log, record(n));
      await log.close();
      const dir = join(data.path, 'audit');
      expect(readdirSync(dir).sort()).toEqual(['audit.log', 'audit.log.1', 'audit.log.2']);
      const kept = keptRecords(dir, 3);
      // 45 records, 10 per file: the newest 25 survive in three files (10, 10, 5), in order.
      expect(kept.map((r) => r.path)).toEqual(Array.from({ length: 25 }, (_, i) => `/page/${i + 20}`));
      for (const name of ['audit.log.1', 'audit.log.2']) expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(size * 10);
    } finally {
      data.cleanup();
    }
  });

  it('appends to an existing log after a restart and counts its size', async () => {
    const data = makeTempDir('audit-append-');
    try {
      const size = Buffer.byteLength(`${JSON.stringify(record(0))}\n`);
      const first = openAuditLog({ dataDir: data.path, maxBytes: size * 4, maxFiles: 2 });
      for (let n = 0; n < 3; n++) append(first, record(n));
      await first.close();
      const second = openAuditLog({ dataDir: data.path, maxBytes: size * 4, maxFiles: 2 });
      for (let n = 3; n < 6; n++) append(second, record(n));
      await second.close();
      expect(lines(join(data.path, 'audit', 'audit.log.1')).map((r) => r.path)).toEqual(['/page/00', '/page/01', '/page/02', '/page/03']);
      expect(lines(join(data.path, 'audit', 'audit.log')).map((r) => r.path)).toEqual(['/page/04', '/page/05']);
    } finally {
      data.cleanup();
    }
  });

  it('takes the gateway batches of JSON lines: rotated at line boundaries as single records are', async () => {
    const data = makeTempDir('audit-batches-');
    try {
      const size = Buffer.byteLength(`${JSON.stringify(record(0))}\n`);
      const log = openAuditLog({ dataDir: data.path, maxBytes: size * 10, maxFiles: 3 });
      // 45 records in batches of 1, 7, 13 and 24 lines: batches cross the 10-record files.
      let n = 0;
      for (const count of [1, 7, 13, 24]) {
        let batch = '';
        for (let i = 0; i < count; i++) batch += `${JSON.stringify(record(n++))}\n`;
        log.appendLines(Buffer.from(batch));
      }
      await log.close();
      const dir = join(data.path, 'audit');
      expect(readdirSync(dir).sort()).toEqual(['audit.log', 'audit.log.1', 'audit.log.2']);
      const kept = keptRecords(dir, 3);
      expect(kept.map((r) => r.path)).toEqual(Array.from({ length: 25 }, (_, i) => `/page/${i + 20}`));
      expect(lines(join(dir, 'audit.log'))).toHaveLength(5);
      for (const name of ['audit.log.1', 'audit.log.2']) expect(readFileSync(join(dir, name)).length).toBe(size * 10);
    } finally {
      data.cleanup();
    }
  });

  it('writes a batch line longer than a whole file alone, losing neither it nor its neighbours', async () => {
    const data = makeTempDir('audit-long-line-');
    try {
      const size = Buffer.byteLength(`${JSON.stringify(record(0))}\n`);
      const log = openAuditLog({ dataDir: data.path, maxBytes: size * 2, maxFiles: 5 });
      const long = { ...record(1), path: `/${'x'.repeat(size * 3)}` };
      log.appendLines(Buffer.from([record(0), long, record(2)].map((r) => `${JSON.stringify(r)}\n`).join('')));
      await log.close();
      const dir = join(data.path, 'audit');
      const kept = keptRecords(dir, 3);
      expect(kept.map((r) => r.path.length)).toEqual([record(0).path.length, long.path.length, record(2).path.length]);
      expect(lines(join(dir, 'audit.log.1'))).toHaveLength(1);
    } finally {
      data.cleanup();
    }
  });

  it('gives a batch buffer back only once its lines are on disk, and keeps its own copy of lines a failed write must retry', async () => {
    const data = makeTempDir('audit-release-');
    const errors: string[] = [];
    try {
      const dir = join(data.path, 'audit');
      const log = openAuditLog({ dataDir: data.path, onError: (error) => errors.push(error.message) });
      const batchOf = (rs: AuditRecord[]) => Buffer.from(rs.map((r) => `${JSON.stringify(r)}\n`).join(''));
      const first = batchOf([record(0), record(1)]);
      let onDiskAtRelease = '';
      log.appendLines(first, () => (onDiskAtRelease = readFileSync(log.path, 'utf8')));
      await log.flush();
      expect(onDiskAtRelease).toBe(first.toString('utf8'));

      // The file cannot be opened (a folder stands in its place): the write fails, the buffer is
      // released anyway and refilled by its owner, and the lines it held are still written later.
      await log.close();
      rmSync(log.path);
      mkdirSync(log.path);
      const failing = openAuditLog({ dataDir: data.path, onError: (error) => errors.push(error.message) });
      const second = batchOf([record(2), record(3)]);
      let released = false;
      failing.appendLines(second, () => (released = true));
      await failing.flush();
      expect(released).toBe(true);
      expect(errors.join()).toMatch(/EISDIR|illegal operation on a directory/);
      second.fill(0x78);
      rmSync(log.path, { recursive: true });
      await failing.close();
      expect(lines(join(dir, 'audit.log')).map((r) => r.path)).toEqual([record(2).path, record(3).path]);
    } finally {
      data.cleanup();
    }
  });

  describe('fed by a running gateway', () => {
    const work = makeTempDir('audit-gateway-');
    const fixture = new GatewayFixture();
    let pki: GatewayPki;
    let gw: TestGateway;

    beforeAll(async () => {
      pki = createGatewayPki(join(work.path, 'pki'));
      fixture.importPki(pki);
      fixture.putAccount('alice');
      fixture.putSite(makeSite(pki, { name: 'Audited', content: { kind: 'static', directory: work.path }, oneToOne: [oneToOne(pki.alice, 'alice')] }));
      gw = await startTestGateway(fixture);
    });
    afterAll(async () => {
      await gw?.stop();
      work.cleanup();
    });

    it('writes one valid JSON line per decision to <dataDir>/audit/audit.log', async () => {
      const url = `https://127.0.0.1:${gw.port('Audited')}`;
      await curl(pki, [...curlCert(pki.alice), `${url}/a`]);
      await curl(pki, [`${url}/b`]);
      await curl(pki, [...curlCert(pki.carol), `${url}/c`]);
      await gw.audited(0, 3);
      await gw.gateway.auditFlushed();
      const path = join(gw.dataDir, 'audit', 'audit.log');
      expect(existsSync(path)).toBe(true);
      const written = lines(path);
      expect(written.map((r) => auditRecordSchema.parse(r))).toEqual(gw.audits);
      expect(written.map((r) => [r.path, r.status, r.account])).toEqual([
        ['/a', '200.0', 'alice'],
        ['/b', '403.7', null],
        ['/c', '401.2', null],
      ]);
    });

    it('writes the log in the gateway whether or not main listens; a listener hears what is written while it listens', async () => {
      const quiet = await startTestGateway(fixture, { liveAudit: false });
      try {
        const url = `https://127.0.0.1:${quiet.port('Audited')}`;
        await curl(pki, [...curlCert(pki.alice), `${url}/quiet`]);
        await quiet.gateway.auditFlushed();
        const written = lines(join(quiet.dataDir, 'audit', 'audit.log'));
        expect(written.map((r) => [r.path, r.status, r.account])).toEqual([['/quiet', '200.0', 'alice']]);
        expect(quiet.audits).toEqual([]);
        // A listener from now on gets the records written from now on.
        const seen: string[] = [];
        const stop = quiet.gateway.audit.subscribe((record) => seen.push(record.path));
        await curl(pki, [...curlCert(pki.alice), `${url}/heard`]);
        await quiet.gateway.auditFlushed();
        stop();
        await curl(pki, [...curlCert(pki.alice), `${url}/after`]);
        await quiet.gateway.auditFlushed();
        expect(seen).toEqual(['/heard']);
        expect(lines(join(quiet.dataDir, 'audit', 'audit.log')).map((r) => r.path)).toEqual(['/quiet', '/heard', '/after']);
      } finally {
        await quiet.stop();
      }
    });
  });
});
