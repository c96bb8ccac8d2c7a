import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/paths';
import { makeTempDir } from '../helpers/temp-dir';
import { sClientCertificate, until } from '../helpers/tls-probe';

/** The Electron binary, when this machine has one (it cannot be downloaded on the offline build machines). */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as string;
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY);
const reason = !binary
  ? 'the Electron binary is absent (node_modules/electron has no dist; run `node node_modules/electron/install.js` where the download is reachable)'
  : 'there is no display (set DISPLAY, e.g. under Xvfb)';

// The one allowed skip of the suite (README, Tests).
describe.skipIf(!binary || !display)(`the desktop console in Electron${binary && display ? '' : ` — skipped: ${reason}`}`, () => {
  it('opens the window sandboxed and isolated, and lists the stores through the preload bridge', async () => {
    const data = makeTempDir();
    const app = await _electron.launch({ executablePath: binary!, args: [join(PROJECT_ROOT, 'app')], env: { ...process.env, CERTMAPPER_DATA: data.path } });
    try {
      const page = await app.firstWindow();
      await expect.poll(() => page.title()).toContain('CertMapper');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      const info = await page.evaluate(() => (window as unknown as { certmapper: { invoke(c: string, i: unknown): Promise<unknown> } }).certmapper.invoke('app.info', {}));
      expect(info).toMatchObject({ ok: true, value: { transport: 'electron' } });
      await page.getByText('Trusted Root Certification Authorities').first().waitFor();
      // The first start's Default Web Site, served by the gateway in Electron's utility process.
      const served = await until(() => sClientCertificate(8443), (c) => c !== null, 'the gateway serving the Default Web Site on 8443', 20_000);
      expect(served?.subject).toContain('CN=');
    } finally {
      await app.close();
      data.cleanup();
    }
  });
});
