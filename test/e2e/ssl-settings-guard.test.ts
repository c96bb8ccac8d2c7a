import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Dialog, Locator, Page } from 'playwright-core';
import type { Site } from '../../shared/models/site';
import { PROJECT_ROOT } from '../helpers/paths';
import { cliIn } from '../helpers/run-cli';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { makeTempDir } from '../helpers/temp-dir';
import { freePort, launchConsoleBrowser } from './console-browser';

const RESULTS = join(PROJECT_ROOT, 'test-results');
const SITE = 'Guard Test';
const FOLDER = '/admin';

// The new-user trial: Revocation changed to "Cached CRLs only", then Accounts clicked without Apply.
describe('SSL Settings changes not applied are not lost without a word', () => {
  const temp = makeTempDir('certmapper-e2e-ssl-guard-');
  const pageErrors: string[] = [];
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;

  const { ok: cli } = cliIn(() => server.dataDir);
  const siteFromCli = (name = SITE): Site => JSON.parse(cli('site', 'show', name, '--json')) as Site;
  const treeItem = (name: string): Locator => page.getByRole('treeitem', { name, exact: true });
  const ssl = (): Locator => page.getByTestId('ssl-settings');
  const question = (where: string): Locator => page.getByRole('dialog', { name: `Apply the changes to SSL Settings of ${where}?` });
  const anyDialog = (): Locator => page.getByRole('dialog');

  /** Select a site or folder node and open its SSL Settings page from its features view. */
  const openSsl = async (node: string) => {
    await treeItem(node).click();
    await page.getByTestId('site-home').waitFor();
    await page.getByRole('button', { name: /^SSL Settings/ }).click();
    await ssl().waitFor();
  };
  const revocation = (label: string): Locator => ssl().getByRole('radio', { name: label, exact: true });
  const changeRevocationToCached = async () => {
    await revocation('Cached CRLs only').check();
    await ssl().getByTestId('ssl-unapplied').filter({ hasText: 'Changes not applied' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Actions' }).getByRole('button', { name: 'Apply', exact: true }).isEnabled()).toBe(true);
  };

  beforeAll(async () => {
    const content = join(temp.path, 'wwwroot');
    mkdirSync(content);
    server = await startConsole();
    cli('site', 'add', SITE, '--bind', `http://127.0.0.1:${await freePort()}`, '--content', content);
    cli('site', 'set', SITE, '--path', FOLDER, '--client-cert', 'accept');
    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
    mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('leaves a pane with no changes without asking', async () => {
    await page.goto(server.url);
    await openSsl(SITE);
    expect(await revocation('Strict').isChecked()).toBe(true);
    expect(await ssl().getByTestId('ssl-unapplied').count()).toBe(0);
    await treeItem('Accounts').click();
    await page.getByTestId('accounts').waitFor();
    expect(await anyDialog().count()).toBe(0);

    // Back to the site's Home as well.
    await openSsl(SITE);
    await ssl().getByRole('button', { name: `${SITE} Home` }).click();
    await page.getByTestId('site-home').waitFor();
    expect(await anyDialog().count()).toBe(0);
  });

  it('asks on another tree node; Cancel stays on the pane with the change', async () => {
    await openSsl(SITE);
    await changeRevocationToCached();
    await treeItem('Accounts').click();
    const dialog = question(SITE);
    await dialog.waitFor();
    await page.screenshot({ path: join(RESULTS, 'ssl-settings-unapplied.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await ssl().waitFor();
    expect(await revocation('Cached CRLs only').isChecked()).toBe(true);
    expect(await treeItem(SITE).getAttribute('aria-selected')).toBe('true');
    expect(await treeItem('Accounts').getAttribute('aria-selected')).toBe('false');
    expect(siteFromCli().security.revocation).toBe('strict');
  });

  it("Don't Apply goes, and the stored setting is unchanged", async () => {
    await treeItem('Accounts').click();
    const dialog = question(SITE);
    await dialog.getByRole('button', { name: "Don't Apply" }).click();
    await page.getByTestId('accounts').waitFor();
    expect(await anyDialog().count()).toBe(0);
    expect(siteFromCli().security.revocation).toBe('strict');

    // Coming back shows what is in force, with nothing pending.
    await openSsl(SITE);
    expect(await revocation('Strict').isChecked()).toBe(true);
    expect(await ssl().getByTestId('ssl-unapplied').count()).toBe(0);
  });

  it('Apply applies, then goes', async () => {
    await changeRevocationToCached();
    await treeItem('Accounts').click();
    await question(SITE).getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByTestId('accounts').waitFor();
    expect(siteFromCli().security.revocation).toBe('cached');
  });

  it("asks on Back to the folder's Home, naming site and folder", async () => {
    await treeItem(SITE).click();
    await page.getByTestId('site-home').waitFor();
    // The folder's node shows below its site once the site is expanded (Right arrow, as in a Windows tree).
    if ((await treeItem(SITE).getAttribute('aria-expanded')) !== 'true') await treeItem(SITE).press('ArrowRight');
    await openSsl(FOLDER);
    await revocation('Off').check();
    await ssl().getByRole('button', { name: `${FOLDER} Home` }).click();
    const dialog = question(`${SITE}${FOLDER}`);
    await dialog.getByRole('button', { name: "Don't Apply" }).click();
    await page.getByTestId('site-home').waitFor();
    const folder = siteFromCli().folders.find((f) => f.path === FOLDER);
    expect(folder?.security.revocation).toBeUndefined();
  });

  it("closing or reloading the tab with changes not applied gets the browser's own confirmation", async () => {
    await page.getByRole('button', { name: /^SSL Settings/ }).click();
    await ssl().waitFor();
    await revocation('Off').check();
    const asked: Dialog[] = [];
    const onDialog = (dialog: Dialog) => {
      asked.push(dialog);
      void dialog.dismiss();
    };
    page.on('dialog', onDialog);
    try {
      // Dismissed ("Stay"): the page is not reloaded and the change is still there.
      await page.evaluate(() => window.location.reload());
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]?.type()).toBe('beforeunload');
      expect(await revocation('Off').isChecked()).toBe(true);

      // Without changes, the reload goes ahead unasked.
      await ssl().getByRole('group', { name: 'SSL Settings actions' }).getByRole('button', { name: 'Cancel' }).click();
      await ssl().getByTestId('ssl-unapplied').waitFor({ state: 'detached' });
      await page.reload();
      await treeItem('Start Page').waitFor();
      expect(asked).toHaveLength(1);
    } finally {
      page.off('dialog', onDialog);
    }
  });

  it('stays on the pane with the error when the service refuses Apply', async () => {
    const doomed = 'Guard Doomed';
    cli('site', 'add', doomed, '--bind', `http://127.0.0.1:${await freePort()}`, '--content', join(temp.path, 'wwwroot'));
    // Without change events the console still shows the site after the CLI removed it, so Apply reaches the service.
    await page.route('**/api/events**', (route) => route.abort());
    await page.goto(server.url);
    await openSsl(doomed);
    await changeRevocationToCached();
    cli('site', 'remove', doomed);

    await treeItem('Accounts').click();
    await question(doomed).getByRole('button', { name: 'Apply', exact: true }).click();
    await question(doomed).waitFor({ state: 'detached' });
    await ssl().getByRole('alert').filter({ hasText: 'No site named' }).waitFor();
    expect(await revocation('Cached CRLs only').isChecked()).toBe(true);
    expect(await treeItem('Accounts').getAttribute('aria-selected')).toBe('false');

    // The administrator can still leave without the changes.
    await treeItem('Accounts').click();
    await question(doomed).getByRole('button', { name: "Don't Apply" }).click();
    await page.getByTestId('accounts').waitFor();
    await page.unroute('**/api/events**');
    expect(pageErrors).toEqual([]);
  });
});
