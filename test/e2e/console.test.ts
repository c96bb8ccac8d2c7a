import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/paths';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { makeTempDir } from '../helpers/temp-dir';
import { launchConsoleBrowser } from './console-browser';
import { createConsoleFixtures, type ConsoleFixtures } from './console-fixtures';
import { dropFiles } from './drop-files';

const SCREENSHOT = join(PROJECT_ROOT, 'test-results', 'console.png');

describe('the web console in Chromium', () => {
  const temp = makeTempDir('certmapper-e2e-');
  const pageErrors: string[] = [];
  let fixtures: ConsoleFixtures;
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;

  /** Fingerprints the server holds, asked over the API directly (not through the UI under test). */
  const storedSha256s = async (): Promise<string[]> => {
    const response = await fetch(`${server.baseUrl}/api/invoke/certificates.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: '{}',
    });
    const body = (await response.json()) as { ok: boolean; value: { items: { sha256: string }[] } };
    expect(body.ok).toBe(true);
    return body.value.items.map((c) => c.sha256).sort();
  };

  /** Fingerprints of the rows the list shows (every row carries data-sha256). */
  const listedSha256s = async (): Promise<string[]> =>
    (await page.$$eval('[role="row"][data-sha256]', (rows) => rows.map((row) => row.getAttribute('data-sha256') ?? ''))).sort();

  beforeAll(async () => {
    const pkiDir = join(temp.path, 'pki');
    mkdirSync(pkiDir);
    fixtures = createConsoleFixtures(pkiDir);
    server = await startConsole();
    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('opens with the token from the URL, then takes it out of the address bar', async () => {
    await page.goto(server.url);
    await page.getByRole('tree', { name: 'Connections' }).waitFor();
    await page.getByRole('treeitem', { name: /Trusted Root Certification Authorities/ }).waitFor();
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('certmapper.accessToken'))).toBe(server.token);
  });

  it('imports a PEM bundle and a PFX dropped together, and lists every certificate by its SHA-256', async () => {
    const { pki, bob } = fixtures;
    await dropFiles(page, [pki.bundlePath, bob.pfxPath], async () => {
      await page.getByText('Drop certificates to import').waitFor();
    });

    const dialog = page.getByRole('dialog', { name: 'Import certificates' });
    await dialog.waitFor();
    await dialog.getByText(basename(pki.bundlePath), { exact: true }).waitFor();
    await dialog.getByText(basename(bob.pfxPath), { exact: true }).waitFor();
    await dialog.getByLabel('PFX password').fill(fixtures.pfxPassword);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    const results = page.getByTestId('import-results');
    await results.waitFor();
    const bundleRow = results.locator(`[data-file="${basename(pki.bundlePath)}"]`);
    const pfxRow = results.locator(`[data-file="${basename(bob.pfxPath)}"]`);
    expect(await bundleRow.getAttribute('data-ok')).toBe('true');
    expect(await bundleRow.textContent()).toContain('4 certificates imported');
    expect(await pfxRow.getAttribute('data-ok')).toBe('true');
    // The PFX carries the intermediate and root again: reported, not stored twice.
    expect(await pfxRow.textContent()).toContain('already stored');
    await page.getByRole('button', { name: 'Close' }).click();
    await results.waitFor({ state: 'detached' });

    const expected = [pki.root, pki.intermediate, pki.server, pki.client, bob].map((c) => c.sha256).sort();
    await page.getByRole('treeitem', { name: /^Certificates/ }).click();
    await expect.poll(listedSha256s).toEqual(expected);
    expect(await storedSha256s()).toEqual(expected);

    // The PFX's own certificate: details by double-click, checked against the fingerprint openssl gave.
    await page.locator(`[role="row"][data-sha256="${bob.sha256}"]`).dblclick();
    const details = page.getByTestId('certificate-details');
    await details.waitFor();
    await expect.poll(async () => (await details.getByTestId('detail-sha256').textContent())?.replace(/[^0-9a-f]/gi, '').toLowerCase()).toBe(bob.sha256);
    await details.getByText('You have a private key that corresponds to this certificate.').waitFor();
    await details.getByText('Bob Example', { exact: true }).first().waitFor();

    mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('refuses a PFX with a wrong password with its reason, imports nothing from it, and retries with the right one', async () => {
    const { carol } = fixtures;
    const before = await storedSha256s();
    await dropFiles(page, [carol.pfxPath]);
    const dialog = page.getByRole('dialog', { name: 'Import certificates' });
    await dialog.getByLabel('PFX password').fill('not the password');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    const row = page.getByTestId('import-results').locator(`[data-file="${basename(carol.pfxPath)}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-ok')).toBe('false');
    const reason = (await row.getByTestId('import-refusal-reason').textContent()) ?? '';
    expect(reason).toContain('WRONG_PASSWORD');
    expect(reason.replace('(WRONG_PASSWORD)', '').trim().length).toBeGreaterThan(5);
    expect(await storedSha256s()).toEqual(before);
    expect(await listedSha256s()).not.toContain(carol.sha256);

    // The refusal offers a retry of that one file with another password.
    await row.getByLabel(`Password for ${basename(carol.pfxPath)}`).fill(fixtures.pfxPassword);
    await row.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => row.getAttribute('data-ok')).toBe('true');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(listedSha256s).toContain(carol.sha256);
    expect(pageErrors).toEqual([]);
  });

  it('refuses pasted text that holds no certificate, saying so about the pasted text', async () => {
    const before = await storedSha256s();
    await page.getByRole('treeitem', { name: /^Certificates/ }).click();
    await page.getByRole('navigation', { name: 'Actions' }).getByRole('button', { name: 'Paste PEM…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste PEM' });
    await dialog.getByLabel('PEM text').fill('Certificates | Example Corp\nDownload our root CA from the portal.\n');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    const row = page.getByTestId('import-results').locator('[data-file="Pasted PEM"]');
    await row.waitFor();
    expect(await row.getAttribute('data-ok')).toBe('false');
    expect(await page.getByRole('dialog', { name: 'Import results' }).getByRole('alert').first().textContent()).toBe('The pasted text was refused.');
    expect(await row.getByTestId('import-refusal-reason').textContent()).toBe(
      'The pasted text holds no PEM block ("-----BEGIN CERTIFICATE-----") and no Base64 certificate: there is nothing to import. (NOT_A_CERTIFICATE)',
    );
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await storedSha256s()).toEqual(before);
    expect(pageErrors).toEqual([]);
  });
});
