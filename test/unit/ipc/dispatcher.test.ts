import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract } from '../../../shared/ipc';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { createHandlers } from '../../../main/services/handlers';
import type { HandlerTable } from '../../../main/ipc/handler-table';
import { memoryServices } from '../../helpers/memory-services';

/** A handler table whose every handler records that it was reached. */
function recordingHandlers(): { handlers: HandlerTable; reached: string[] } {
  const real = createHandlers(memoryServices());
  const reached: string[] = [];
  const handlers = Object.fromEntries(
    Object.entries(real).map(([name, handler]) => [
      name,
      (input: unknown, ctx: unknown) => {
        reached.push(name);
        return (handler as (i: unknown, c: unknown) => unknown)(input, ctx);
      },
    ]),
  ) as unknown as HandlerTable;
  return { handlers, reached };
}

describe('the IPC contract', () => {
  it('has exactly one handler per channel, and no handler without a channel', () => {
    const handlers = createHandlers(memoryServices());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('declares input and output schemas for every channel', () => {
    for (const name of CHANNEL_NAMES) {
      expect(contract[name].input.safeParse).toBeTypeOf('function');
      expect(contract[name].output.safeParse).toBeTypeOf('function');
    }
  });

  it('answers every channel with an output that matches its declared schema', async () => {
    const dispatch = createDispatcher(createHandlers(memoryServices()));
    const info = await dispatch('app.info', {}, { transport: 'cli' });
    expect(info.ok).toBe(true);
    if (info.ok) expect(contract['app.info'].output.safeParse(info.value).success).toBe(true);
    const list = await dispatch('certificates.list', {}, { transport: 'cli' });
    expect(list.ok && contract['certificates.list'].output.safeParse(list.value).success).toBe(true);
  });
});

describe('the dispatcher', () => {
  const malformed: [string, unknown][] = [
    ['certificates.get', { sha256: 'not-a-fingerprint' }],
    ['certificates.get', {}],
    ['certificates.import', { files: [] }],
    ['certificates.import', { files: [{ name: 'a.pem' }] }],
    ['certificates.import', { files: [{ name: 'Pasted PEM', contentBase64: '', source: 'clipboard' }] }],
    ['certificates.export', { sha256: 'a'.repeat(64), format: 'pfx' }],
    ['certificates.move', { sha256: 'a'.repeat(64), store: 'trusted-people' }],
    ['certificates.list', { store: 'root', extra: true }],
    ['app.info', 'a string instead of an object'],
    // Removing a folder needs a folder: no path (which would name the site), a path that is no URL path, or more than asked.
    ['sites.removeFolder', { site: 'Default Web Site' }],
    ['sites.removeFolder', { site: 'Default Web Site', path: 'admin' }],
    ['sites.removeFolder', { site: 'Default Web Site', path: '/admin?x=1' }],
    ['sites.removeFolder', { site: '', path: '/admin' }],
    ['sites.removeFolder', { site: 'Default Web Site', path: '/admin', recursive: true }],
  ];

  it.each(malformed)('refuses malformed %s payloads with INVALID_INPUT before any service runs', async (channel, payload) => {
    const { handlers, reached } = recordingHandlers();
    const result = await createDispatcher(handlers)(channel, payload, { transport: 'http' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toContain(channel);
    }
    expect(reached).toEqual([]);
  });

  it('refuses an unknown channel with UNKNOWN_CHANNEL', async () => {
    const { handlers, reached } = recordingHandlers();
    const result = await createDispatcher(handlers)('certificates.format-disk', {}, { transport: 'http' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(reached).toEqual([]);
  });

  it('carries a domain error as a value with its code', async () => {
    const dispatch = createDispatcher(createHandlers(memoryServices()));
    const result = await dispatch('certificates.get', { sha256: 'ab'.repeat(32) }, { transport: 'http' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('removes a folder through its channel, and refuses "/" (the site itself) as a value with INVALID_INPUT', async () => {
    const services = memoryServices();
    const dispatch = createDispatcher(createHandlers(services));
    const site = services.sites.add({ name: 'Intranet', bindings: [{ protocol: 'http', address: '127.0.0.1', port: 0, host: null, certificateSha256: null }], content: { kind: 'upstream', url: 'http://127.0.0.1:1/' } });
    services.sites.setSecurity(site.id, '/admin', { anonymous: false });
    const root = await dispatch('sites.removeFolder', { site: 'Intranet', path: '/' }, { transport: 'http' });
    expect(root).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const removed = await dispatch('sites.removeFolder', { site: 'Intranet', path: '/admin' }, { transport: 'http' });
    expect(removed.ok && contract['sites.removeFolder'].output.safeParse(removed.value).success).toBe(true);
    expect(services.sites.get('Intranet').folders).toEqual([]);
  });
});
