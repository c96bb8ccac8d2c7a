import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/paths';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { createTestPki, type TestPki } from '../helpers/test-pki';
import { makeTempDir } from '../helpers/temp-dir';
import { openssl, pkcs7Of, signRequest } from '../integration/keys/key-fixtures';
import { launchConsoleBrowser } from './console-browser';
import { dropFiles } from './drop-files';

describe('Server Certificates in Chromium: create a request, complete it with the authority reply, export', () => {
  const temp = makeTempDir('certmapper-e2e-keys-');
  const pageErrors: string[] = [];
  let pki: TestPki;
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;
  let requestPem = '';

  const api = async <T,>(channel: string, input: unknown = {}): Promise<T> => {
    const response = await fetch(`${server.baseUrl}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; value: T };
    expect(body.ok).toBe(true);
    return body.value;
  };
  const keyActions = () => page.getByRole('group', { name: 'Key actions' });

  beforeAll(async () => {
    const pkiDir = join(temp.path, 'pki');
    mkdirSync(pkiDir);
    pki = createTestPki(pkiDir);
    server = await startConsole();
    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await page.goto(server.url);
    await page.getByRole('tree', { name: 'Connections' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('Create Certificate Request…: subject, algorithm and SANs; the PEM is copied and saved, and openssl verifies it', async () => {
    await page.getByRole('treeitem', { name: 'Server Certificates', exact: true }).click();
    await page.getByTestId('keys').waitFor();
    await keyActions().getByRole('button', { name: 'Create Certificate Request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Certificate Request' });
    await dialog.getByRole('combobox', { name: 'Key algorithm' }).click();
    await page.getByRole('option', { name: 'ECDSA P-384' }).click();
    await dialog.getByLabel('Common name').fill('www.e2e.test');
    await dialog.getByLabel('Organization', { exact: true }).fill('Example, Inc.');
    await dialog.getByLabel('Country/region').fill('US');
    await dialog.getByRole('textbox', { name: 'Alternative name', exact: true }).fill('e2e.example.test');
    await dialog.getByRole('button', { name: 'Add name' }).click();
    await dialog.getByRole('combobox', { name: 'Name type' }).click();
    await page.getByRole('option', { name: 'IP address' }).click();
    await dialog.getByRole('textbox', { name: 'Alternative name', exact: true }).fill('127.0.0.1');
    await dialog.getByRole('button', { name: 'Add name' }).click();
    await expect.poll(() => dialog.getByTestId('subject-preview').textContent()).toBe('Subject: CN=www.e2e.test, O=Example\\, Inc., C=US');
    await dialog.getByRole('button', { name: 'Create' }).click();

    const pem = dialog.getByTestId('request-pem');
    await pem.waitFor();
    requestPem = await pem.inputValue();
    expect(requestPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n$/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(requestPem);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save…' }).click()]);
    const saved = join(temp.path, download.suggestedFilename());
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe(requestPem);
    const verify = spawnSync('openssl', ['req', '-verify', '-in', saved, '-noout', '-text'], { encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('NIST CURVE: P-384');
    expect(verify.stdout).toMatch(/DNS:www\.e2e\.test, DNS:e2e\.example\.test, IP Address:127\.0\.0\.1/);
    expect(verify.stdout).toContain('TLS Web Server Authentication');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('grid', { name: 'Pending requests' }).locator('[role="row"][data-key="www.e2e.test"]').waitFor();
  });

  it('Complete Certificate Request…: a reply for another key is refused and the request stays; the real reply (PKCS#7 with chain) installs', async () => {
    const wrongPath = join(temp.path, 'wrong.cer');
    writeFileSync(wrongPath, readFileSync(pki.server.derPath));
    await keyActions().getByRole('button', { name: 'Complete Certificate Request…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Complete Certificate Request' });
    await dialog.getByTestId('reply-drop-input').setInputFiles(wrongPath);
    await dialog.getByTestId('reply-file').filter({ hasText: 'wrong.cer' }).waitFor();
    await dialog.getByRole('button', { name: 'Install' }).click();
    await expect.poll(() => dialog.getByTestId('install-error').textContent()).toMatch(/is for another key: its public key does not match any of the 1 pending request\(s\) \("www\.e2e\.test"\)\. Nothing was installed/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await api<{ requests: unknown[] }>('keys.list')).requests).toHaveLength(1);

    const pkiDir = join(temp.path, 'pki');
    const signed = signRequest(requestPem, pki.intermediate, pkiDir, 'e2e-www');
    const reply = pkcs7Of([signed.path, pki.intermediate.pemPath, pki.root.pemPath], pkiDir, 'e2e-reply');
    const sha256 = new X509Certificate(signed.pem).fingerprint256.replace(/:/g, '').toLowerCase();

    await keyActions().getByRole('button', { name: 'Complete Certificate Request…' }).click();
    dialog = page.getByRole('dialog', { name: 'Complete Certificate Request' });
    await dropFiles(page, [reply], undefined, '[data-testid="reply-drop"]');
    await dialog.getByTestId('reply-file').filter({ hasText: 'e2e-reply.p7b' }).waitFor();
    await dialog.getByRole('button', { name: 'Install' }).click();
    await expect.poll(() => dialog.getByTestId('installed-sha256').textContent()).toBe(sha256);
    await dialog.getByText('Added to intermediate: CN=Test Issuing CA, O=CertMapper Test, C=US').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const row = page.getByRole('grid', { name: 'Server certificates' }).locator(`[role="row"][data-sha256="${sha256}"]`);
    await row.waitFor();
    await page.getByRole('grid', { name: 'Pending requests' }).getByText('No request is waiting.').waitFor();
    mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(PROJECT_ROOT, 'test-results', 'server-certificates.png') });
    const details = await api<{ store: string; hasPrivateKey: boolean; chain: { status: string } }>('certificates.get', { sha256 });
    expect(details).toMatchObject({ store: 'server', hasPrivateKey: true, chain: { status: 'ok' } });

    // Export it back as a PFX from the console; openssl opens it with the password.
    await row.click();
    await keyActions().getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: /^Export www\.e2e\.test/ });
    await exportDialog.getByLabel(/^Password/).fill('e2e export');
    await exportDialog.getByLabel(/^Confirm password/).fill('e2e export');
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Export' }).click()]);
    const pfx = join(temp.path, download.suggestedFilename());
    await download.saveAs(pfx);
    expect(pfx.endsWith('.pfx')).toBe(true);
    const certs = openssl(['pkcs12', '-in', pfx, '-passin', 'pass:e2e export', '-nokeys']);
    expect(new X509Certificate(certs.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0]).fingerprint256.replace(/:/g, '').toLowerCase()).toBe(sha256);
    expect(pageErrors).toEqual([]);
  });
});
