import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { createHandlers } from '../../../main/services/handlers';
import { EventHub } from '../../../main/events/event-hub';
import { publishingDispatch } from '../../../main/events/publishing-dispatch';
import { startWebServer, type RunningWebServer } from '../../../main/web/web-server';
import { memoryServices } from '../../helpers/memory-services';
import { makeTempDir } from '../../helpers/temp-dir';
import { writeFileSync } from 'node:fs';

describe('the HTTP transport (web console API on loopback)', () => {
  const token = 'test-token-0123456789';
  const renderer = makeTempDir();
  let web: RunningWebServer;
  let reached = 0;

  beforeAll(async () => {
    writeFileSync(`${renderer.path}/index.html`, '<!doctype html><title>CertMapper</title>');
    const handlers = createHandlers(memoryServices());
    const counting = new Proxy(handlers, {
      get: (target, key) => {
        const handler = target[key as keyof typeof target] as (...a: unknown[]) => unknown;
        return (...args: unknown[]) => {
          reached++;
          return handler(...args);
        };
      },
    });
    const hub = new EventHub();
    web = await startWebServer({ dispatch: publishingDispatch(createDispatcher(counting), hub), hub, token, rendererDir: renderer.path, port: 0 });
  });
  afterAll(async () => {
    await web.close();
    renderer.cleanup();
  });

  const invoke = (channel: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) =>
    fetch(`http://127.0.0.1:${web.port}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers a call that carries the token', async () => {
    const response = await invoke('app.info', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { product: 'CertMapper', transport: 'http' } });
  });

  it('refuses a request without the token, or with a wrong one, before any service runs', async () => {
    const before = reached;
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${token}x` }] as Record<string, string>[]) {
      const response = await invoke('certificates.list', {}, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    const events = await fetch(`http://127.0.0.1:${web.port}/api/events`);
    expect(events.status).toBe(401);
    expect(reached).toBe(before);
  });

  it('refuses malformed payloads with INVALID_INPUT before any service runs', async () => {
    const before = reached;
    const bad = await invoke('certificates.get', { sha256: 'zz' });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const notJson = await invoke('certificates.list', '{"store":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(reached).toBe(before);
  });

  it('refuses a Host that is not loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: web.port, path: '/api/invoke/app.info', method: 'POST', headers: { Host: 'attacker.example', Authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('serves the console with a strict Content-Security-Policy', async () => {
    const response = await fetch(`http://127.0.0.1:${web.port}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});
