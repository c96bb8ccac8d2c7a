import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { createHandlers } from '../../../main/services/handlers';
import { createIpcInvokeHandler } from '../../../main/electron/ipc-invoke-handler';
import { memoryServices } from '../../helpers/memory-services';

// Electron's ipcMain cannot run here; the function it calls for every message can, with sender frames
// shaped as Electron gives them.
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as never;

describe('the Electron IPC transport', () => {
  const handler = createIpcInvokeHandler(createDispatcher(createHandlers(memoryServices())));

  it('serves our own top-level page', async () => {
    const result = await handler(frame('app://certmapper/index.html'), 'app.info', {});
    expect(result).toMatchObject({ ok: true, value: { product: 'CertMapper', transport: 'electron' } });
  });

  it('refuses a malformed payload with INVALID_INPUT', async () => {
    const result = await handler(frame('app://certmapper/index.html'), 'certificates.get', { sha256: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses other origins and sub-frames', async () => {
    for (const event of [frame('https://evil.example/'), frame('file:///tmp/x.html'), frame('app://certmapper/', {})]) {
      expect(await handler(event, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });
});
