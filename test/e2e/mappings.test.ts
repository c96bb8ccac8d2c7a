import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Site } from '../../shared/models/site';
import { PROJECT_ROOT } from '../helpers/paths';
import { cliIn, importServerCertificate } from '../helpers/run-cli';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestPki, type TestPki } from '../helpers/test-pki';
import { openTls, requestOn, until } from '../helpers/tls-probe';
import { freePort, launchConsoleBrowser, mapDroppedCertificate } from './console-browser';
import { dropFiles } from './drop-files';

const RESULTS = join(PROJECT_ROOT, 'test-results');
const SITE = 'Mapping Test';

describe('client-certificate mappings in the web console', () => {
  const temp = makeTempDir('certmapper-e2e-mappings-');
  const pageErrors: string[] = [];
  let pki: TestPki;
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;

  /** Run the real CLI on the console's data folder; fail with its stderr. */
  const { ok: cli } = cliIn(() => server.dataDir);
  const siteFromCli = (): Site => JSON.parse(cli('site', 'show', SITE, '--json')) as Site;
  const actionsPane = (): Locator => page.getByRole('navigation', { name: 'Actions' });

  beforeAll(async () => {
    const pkiDir = join(temp.path, 'pki');
    const content = join(temp.path, 'wwwroot');
    mkdirSync(pkiDir);
    mkdirSync(content);
    pki = createTestPki(pkiDir);
    server = await startConsole();

    // The site as an administrator would script it: server certificate and key in one PEM, a site, an account.
    importServerCertificate(cli, pki.server.pemPath, pki.server.keyPath);
    cli('site', 'add', SITE, '--bind', `https://127.0.0.1:${await freePort()}`, '--server-cert', pki.server.sha256, '--content', content);
    cli('account', 'add', 'alice', '--group', 'staff');
    // A many-to-one mapping already there, so the one added in the browser can be moved above it.
    cli('rule', 'add', '--site', SITE, '--name', 'Block contractors', '--deny', '--match', 'subject.OU=Contract*');

    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
    mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('maps a client certificate dropped on the one-to-one pane to alice', async () => {
    await page.goto(server.url);
    // The DER file, not PEM: the pane takes any encoding (IIS 4 took only Base64, Q221549).
    const { row } = await mapDroppedCertificate(page, { site: SITE, certificateFile: pki.client.derPath, subjectText: 'Alice Example', account: 'alice', sha256: pki.client.sha256 });
    expect(await row.textContent()).toContain('alice');
    expect(await row.getAttribute('data-enabled')).toBe('true');
    const site = siteFromCli();
    expect(site.oneToOne).toHaveLength(1);
    expect(site.oneToOne[0]?.certificateSha256).toBe(pki.client.sha256);
    expect(site.oneToOne[0]?.account).toBe('alice');
    expect(await row.getAttribute('data-id')).toBe(site.oneToOne[0]?.id);
    await page.screenshot({ path: join(RESULTS, 'mappings.png') });

    // Disable from the Actions pane, as IIS offers it there.
    await row.click();
    await actionsPane().getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.getAttribute('data-enabled')).toBe('false');
    expect(siteFromCli().oneToOne[0]?.enabled).toBe(false);
  });

  it('asks before switching to the directory mapper, saying the local mappings will be ignored', async () => {
    const banner = page.getByTestId('mapping-mode');
    await banner.getByRole('switch', { name: 'Directory mapper' }).click();
    const confirm = page.getByRole('dialog', { name: 'Use the directory mapper?' });
    expect(await confirm.textContent()).toContain('Only one mapper can be active');
    expect(await confirm.textContent()).toContain('will be ignored');
    await confirm.getByRole('button', { name: 'Use the directory mapper' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => banner.getAttribute('data-mode')).toBe('directory');
    expect(await banner.textContent()).toContain('kept but ignored');
    expect(siteFromCli().mappingMode).toBe('directory');

    // Back to the local mapper: nothing is lost, so no question.
    await banner.getByRole('switch', { name: 'Directory mapper' }).click();
    await expect.poll(() => banner.getAttribute('data-mode')).toBe('local');
    expect(siteFromCli().mappingMode).toBe('local');
  });

  it('adds a many-to-one rule in the rule editor and moves it up', async () => {
    await page.getByRole('tab', { name: /^Many-to-One/ }).click();
    const manyToOne = page.getByTestId('many-to-one-mappings');
    await manyToOne.locator('[role="row"][data-name="Block contractors"]').waitFor();
    await manyToOne.getByRole('button', { name: 'Add…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Add Many-to-One Mapping' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Staff');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Everyone in OU=Staff');
    await dialog.getByRole('combobox', { name: 'Rule 1 sub-field' }).click();
    await page.getByRole('option', { name: /^OU:/ }).click();
    await dialog.getByRole('textbox', { name: 'Rule 1 pattern' }).fill('Sta*');
    expect(await dialog.getByRole('checkbox', { name: 'Rule 1 case-sensitive' }).isChecked()).toBe(true);
    await dialog.getByText('* matches any characters; everything else is literal, the whole value must match', { exact: false }).waitFor();
    // The preview answers with the stored client certificates that match or, on a server where
    // mappings.preview is not wired yet, says so: never blank.
    const preview = dialog.getByTestId('rule-preview');
    await expect.poll(async () => (await preview.textContent()) ?? '').toMatch(/Matches \d+ of the \d+|not available/);
    if ((await preview.textContent())?.includes('Matches')) await preview.locator(`[data-sha256="${pki.client.sha256}"]`).waitFor();
    await dialog.getByRole('combobox', { name: /^Account/ }).click();
    await page.getByRole('option', { name: /^alice/ }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(RESULTS, 'mappings-rule-editor.png') });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });

    const rowNames = () => manyToOne.locator('[role="row"][data-name]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    await expect.poll(rowNames).toEqual(['Block contractors', 'Staff']);
    await manyToOne.locator('[role="row"][data-name="Staff"]').click();
    await manyToOne.getByRole('button', { name: 'Move Up' }).click();
    await expect.poll(rowNames).toEqual(['Staff', 'Block contractors']);

    const [first, second] = siteFromCli().manyToOne;
    expect(first).toMatchObject({ name: 'Staff', permission: 'allow', account: 'alice', enabled: true, description: 'Everyone in OU=Staff' });
    expect(first?.rules).toEqual([{ field: 'subject.OU', pattern: 'Sta*', caseSensitive: true }]);
    expect(second?.name).toBe('Block contractors');
    // Still selected after the move, and now first: Move Up is unavailable.
    expect(await manyToOne.getByRole('button', { name: 'Move Up' }).isDisabled()).toBe(true);
  });

  it('adds a folder and sets its SSL settings, the rest staying inherited from the site', async () => {
    await actionsPane().getByRole('button', { name: 'Add Folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Folder' });
    await dialog.getByRole('textbox', { name: 'Path' }).fill('/secure');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('treeitem', { name: '/secure', exact: true }).waitFor();
    await page.getByRole('button', { name: /^SSL Settings/ }).click();
    const ssl = page.getByTestId('ssl-settings');
    await ssl.waitFor();
    await ssl.locator('#ssl-clientCertificates-source').filter({ hasText: 'Inherited from the site' }).waitFor();
    expect(await ssl.getByRole('radio', { name: /^Require/ }).isChecked()).toBe(true);

    await ssl.getByRole('radio', { name: /^Accept/ }).check();
    await ssl.getByRole('checkbox', { name: 'Allow anonymous access' }).check();
    await ssl.locator('#ssl-clientCertificates-source').filter({ hasText: 'Changed: not applied yet' }).waitFor();
    await ssl.getByRole('group', { name: 'SSL Settings actions' }).getByRole('button', { name: 'Apply' }).click();
    await ssl.locator('#ssl-clientCertificates-source').filter({ hasText: 'Set on this folder' }).waitFor();
    await ssl.locator('#ssl-requireTls-source').filter({ hasText: 'Inherited from the site' }).waitFor();

    const site = siteFromCli();
    // Only what was changed is stored on the folder; everything else still follows the site.
    expect(site.folders).toEqual([{ path: '/secure', security: { clientCertificates: 'accept', anonymous: true }, authorization: [] }]);
    expect(site.security.clientCertificates).toBe('require');
    await page.screenshot({ path: join(RESULTS, 'mappings-folder-ssl.png') });
  });

  it('runs what-if on a dropped certificate and shows the status, the account and the trace', async () => {
    await page.getByRole('treeitem', { name: 'What-if', exact: true }).click();
    const whatIf = page.getByTestId('whatif');
    await whatIf.waitFor();
    await whatIf.getByRole('combobox', { name: /^Site/ }).filter({ hasText: SITE }).waitFor();
    await whatIf.getByRole('textbox', { name: 'Path' }).fill('/secure/report.html');
    await dropFiles(page, [pki.client.pemPath], async () => {
      await page.getByText('Drop a certificate to evaluate it').waitFor();
    });
    await whatIf.getByRole('button', { name: `${pki.client.name}.pem` }).waitFor();
    await whatIf.getByRole('group', { name: 'What-if actions' }).getByRole('button', { name: 'Run' }).click();

    // The site trusts no issuer yet, so the chain cannot be trusted: 403.16 (spec section 5), said by the failed step.
    const result = whatIf.getByTestId('whatif-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('403.16');
    expect(await whatIf.getByTestId('whatif-account').textContent()).toBe('none (anonymous)');
    const steps = whatIf.getByTestId('whatif-trace').locator('[data-result]');
    expect(await steps.count()).toBeGreaterThan(1);
    expect(await whatIf.getByTestId('whatif-trace').locator('[data-result="fail"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'mappings-whatif.png') });
    expect(pageErrors).toEqual([]);
  });

  it('removes the folder, not its site, from the folder node: named, with what goes with it, and the site selected after', async () => {
    cli('authz', 'add', '--site', SITE, '--path', '/secure', '--allow', '--anonymous');
    // What the running gateway answers a request without a client certificate, on a fresh connection.
    const port = siteFromCli().bindings[0]!.port;
    const statusWithoutCertificate = async (path: string) => {
      const socket = await openTls(port);
      try {
        return await requestOn(socket, path);
      } finally {
        socket.destroy();
      }
    };
    // The folder lets anonymous requests in (its own settings and rule): the empty content folder answers 404.
    await until(() => statusWithoutCertificate('/secure/report.html'), (status) => status === 404, 'anonymous access to /secure');
    const folderNode = page.getByRole('treeitem', { name: '/secure', exact: true });
    await folderNode.click();
    // On a folder the removal offered is the folder's; Remove Site… there used to remove the whole site.
    const removeFolder = actionsPane().getByRole('button', { name: 'Remove Folder…' });
    await removeFolder.waitFor();
    expect(await actionsPane().getByRole('button', { name: 'Remove Site…' }).count()).toBe(0);
    await removeFolder.click();

    const dialog = page.getByRole('dialog', { name: 'Remove Folder' });
    const text = dialog.locator('#confirm-text');
    // The console learns of the rule the CLI added with its next refresh.
    await expect.poll(() => text.textContent()).toContain('Its 2 SSL settings and 1 authorization rule go with it');
    expect(await text.textContent()).toContain(`Remove folder /secure from ${SITE}?`);
    expect(await text.textContent()).toContain('requests to /secure then follow the settings of the site');
    await page.screenshot({ path: join(RESULTS, 'mappings-remove-folder.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'detached' });

    await folderNode.waitFor({ state: 'detached' });
    const siteNode = page.getByRole('treeitem', { name: SITE, exact: true });
    await expect.poll(() => siteNode.getAttribute('aria-selected')).toBe('true');
    await actionsPane().getByRole('button', { name: 'Remove Site…' }).waitFor();
    const site = siteFromCli();
    expect(site.folders).toEqual([]);
    expect([site.oneToOne.length, site.manyToOne.length]).toEqual([1, 2]);
    // The gateway under `serve` picks the removal up by itself: /secure now requires a certificate, as the site does (403.7).
    await until(() => statusWithoutCertificate('/secure/report.html'), (status) => status === 403, 'the site\'s settings on /secure');
    expect(pageErrors).toEqual([]);
  });
});
