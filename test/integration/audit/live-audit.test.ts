import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/models/decision';
import { runProgram } from '../../helpers/gateway/clients';
import { freePort, pollUntil } from '../../helpers/gateway/test-gateway';
import { cliIn, importServerCertificate } from '../../helpers/run-cli';
import { startConsole, type RunningConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl } from '../keys/key-fixtures';

// The Audit Log pane's live feed, through the real `serve`: a console's event stream receives each
// gateway decision as it is made; records made while no console is connected are on disk only.

describe('live audit records for connected consoles', () => {
  const work = makeTempDir('live-audit-');
  const data = makeTempDir('live-audit-data-');
  const { ok } = cliIn(data.path);
  let serve: RunningConsole;
  let port = 0;
  const get = (path: string) => runProgram('curl', ['-sk', '-o', '/dev/null', `https://127.0.0.1:${port}${path}`]);

  beforeAll(async () => {
    port = await freePort();
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-out', 'server.pem'], work.path);
    const server = importServerCertificate(ok, join(work.path, 'server.pem'), join(work.path, 'server.key'));
    ok('site', 'add', 'Audited', '--bind', `https://127.0.0.1:${port}`, '--server-cert', server);
    serve = await startConsole({ dataDir: data.path });
    await pollUntil(async () => serve.output(), (text) => text.includes('Site "Audited": listening on'), 10_000);
  });
  afterAll(async () => {
    await serve?.stop();
    work.cleanup();
    data.cleanup();
  });

  it('streams each decision to a connected console, and nothing of the time before it connected', async () => {
    await get('/before-any-console');
    const abort = new AbortController();
    const events = await fetch(`${serve.baseUrl}/api/events?token=${serve.token}`, { signal: abort.signal });
    expect(events.status).toBe(200);
    const received: AuditRecord[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let text = '';
      const reader = events.body!.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const message = text.slice(0, end);
          text = text.slice(end + 2);
          if (message.startsWith('event: audit.record\n')) received.push(JSON.parse(message.slice(message.indexOf('data: ') + 6)) as AuditRecord);
        }
      }
    })().catch(() => undefined);

    // The stream is connected once the console is counted: a request until its record arrives.
    const seen = await pollUntil(async () => {
      await get('/while-connected');
      return received;
    }, (records) => records.length > 0, 5000);
    expect(seen[0]).toMatchObject({ site: 'Audited', path: '/while-connected', status: '403.7' });
    expect(received.map((r) => r.path)).not.toContain('/before-any-console');
    abort.abort();
    await reading;
    const log = join(data.path, 'audit', 'audit.log');
    const onDisk = await pollUntil(async () => readFileSync(log, 'utf8'), (text) => text.includes('"path":"/before-any-console"'), 3000);
    expect(onDisk).toContain('"path":"/before-any-console"');
  });
});
