import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium';
import { dropFiles } from './drop-files';


/** The console's browser: Chromium with its own profile; page errors are collected for the final assertion. */
export async function launchConsoleBrowser(profileDir: string, pageErrors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see testing.md)`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page };
}

/** A port nothing listens on, for a test site's binding (the gateway then opens it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The administrator's path to a one-to-one mapping: open the site's Client Certificate Mappings,
 * drop the certificate file on the pane, pick the account in the dialog, OK. Returns the new row.
 */
export async function mapDroppedCertificate(
  page: Page,
  mapping: { site: string; certificateFile: string; subjectText: string; account: string; sha256: string },
): Promise<{ oneToOne: Locator; row: Locator }> {
  await page.getByRole('treeitem', { name: mapping.site, exact: true }).click();
  await page.getByTestId('site-home').waitFor();
  await page.getByRole('button', { name: /^Client Certificate Mappings/ }).click();
  const oneToOne = page.getByTestId('one-to-one-mappings');
  await oneToOne.waitFor();
  // The pane has loaded the site (and so claims dropped files) once it shows the mapping mode.
  await page.getByTestId('mapping-mode').and(page.locator('[data-mode="local"]')).waitFor();
  await dropFiles(page, [mapping.certificateFile], async () => {
    await page.getByText('Drop a certificate to map it').waitFor();
  });
  const dialog = page.getByRole('dialog', { name: 'Map Certificate to Account' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: /^Certificate/ }).filter({ hasText: mapping.subjectText }).waitFor();
  await dialog.getByRole('combobox', { name: /^Account/ }).click();
  await page.getByRole('option', { name: new RegExp(`^${mapping.account}`) }).click();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = oneToOne.locator(`[role="row"][data-sha256="${mapping.sha256}"]`);
  await row.waitFor();
  return { oneToOne, row };
}
