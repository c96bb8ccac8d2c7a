import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { BindingRow } from '../../shared/models/binding';
import { createDatedPki, daysFromNow, type DatedCertificate, type DatedPki } from '../helpers/dated-pki';
import { PROJECT_ROOT } from '../helpers/paths';
import { cliIn } from '../helpers/run-cli';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { makeTempDir } from '../helpers/temp-dir';
import { freePort, launchConsoleBrowser } from './console-browser';

const RESULTS = join(PROJECT_ROOT, 'test-results');

// The console's server-level Bindings pane (IIS's Site Bindings for every site, conflicts explained
// before saving) and the Certificate Expiry overview with its timeline and the banner, in Chromium
// against a real `certmapper serve` whose data the CLI prepared.
describe('bindings and certificate expiry in the web console', () => {
  const temp = makeTempDir('certmapper-e2e-bindings-');
  const pageErrors: string[] = [];
  let pki: DatedPki;
  let soon: DatedCertificate;
  let spare: DatedCertificate;
  let client: DatedCertificate;
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;
  let shopPort = 0;
  let holder: Server;
  let heldPort = 0;

  const { ok: cli } = cliIn(() => server.dataDir);
  const bindingsFromCli = (): BindingRow[] => JSON.parse(cli('binding', 'list', '--json')) as BindingRow[];
  const banner = (): Locator => page.getByTestId('expiry-banner');
  const dialog = (): Locator => page.getByRole('dialog', { name: /Site Binding$/ });
  const chooseOption = async (combobox: RegExp, option: RegExp) => {
    await dialog().getByRole('combobox', { name: combobox }).click();
    await page.getByRole('option', { name: option }).click();
  };

  beforeAll(async () => {
    pki = createDatedPki(join(temp.path, 'pki'), { caName: 'Console Expiry CA' });
    soon = pki.issue('soon', { commonName: 'shop.test', profile: 'server', notAfter: daysFromNow(12.5) });
    spare = pki.issue('spare', { commonName: 'spare.test', profile: 'server', notAfter: daysFromNow(300.5) });
    client = pki.issue('alice', { commonName: 'Alice Expiring', profile: 'client', notAfter: daysFromNow(5.5) });
    server = await startConsole();
    shopPort = await freePort();
    cli('cert', 'import', soon.withKeyPath, spare.withKeyPath, '--store', 'server');
    cli('site', 'add', 'Shop', '--bind', `https://127.0.0.1:${shopPort}`, '--server-cert', soon.sha256, '--content', temp.path);
    cli('site', 'trust', 'Shop', pki.ca.pemPath);
    cli('account', 'add', 'alice');
    cli('map', 'add', '--site', 'Shop', '--cert', client.pemPath, '--account', 'alice');
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    heldPort = (holder.address() as { port: number }).port;
    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
    mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (holder) await new Promise((resolve) => holder.close(resolve));
    await server?.stop();
    temp.cleanup();
  });

  it('warns in a banner and opens the overview with the timeline from its link', async () => {
    await page.goto(server.url);
    await expect.poll(() => banner().textContent()).toContain('2 certificates expire within 30 days');
    await banner().getByRole('button', { name: 'Open Certificate Expiry' }).click();
    const pane = page.getByTestId('expiry');
    await pane.waitFor();
    await expect.poll(() => pane.getByTestId('expiry-summary').textContent()).toBe('2 certificates expire within 30 days');

    // The timeline: the server certificate in its lane, in the warning window; the authority far later.
    const timeline = pane.getByTestId('expiry-timeline');
    const serverDot = timeline.locator(`[data-kind="server"][data-sha256="${soon.sha256}"]`);
    expect(await serverDot.getAttribute('data-status')).toBe('warning');
    expect(await serverDot.getAttribute('aria-label')).toContain(`https://127.0.0.1:${shopPort} of site "Shop"`);
    expect(await timeline.locator(`[data-kind="client"][data-sha256="${client.sha256}"]`).getAttribute('data-status')).toBe('warning');
    expect(await timeline.locator(`[data-kind="authority"][data-sha256="${pki.ca.sha256}"]`).getAttribute('data-status')).toBe('ok');
    // Unused certificates only with the switch.
    expect(await timeline.locator(`[data-sha256="${spare.sha256}"]`).count()).toBe(0);

    // The list below, soonest first, each with where it is used; clicking a dot selects its row.
    const rows = pane.getByRole('grid', { name: 'Expiring items' }).locator('[role="row"][data-sha256]');
    expect(await rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-sha256')))).toEqual([client.sha256, soon.sha256, pki.ca.sha256]);
    expect(await rows.nth(0).textContent()).toContain('one-to-one mapping to alice on site "Shop"');
    await serverDot.click();
    expect(await rows.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: join(RESULTS, 'expiry.png') });
    await pane.getByRole('button', { name: '5 years' }).click();
    expect(await serverDot.getAttribute('data-status')).toBe('warning');

    await pane.getByLabel('Include certificates nothing uses').check();
    await timeline.locator(`[data-sha256="${spare.sha256}"]`).waitFor();
  });

  it('the lead time is a setting: the banner follows it', async () => {
    const pane = page.getByTestId('expiry');
    await pane.getByRole('textbox', { name: 'Warn days ahead' }).fill('7');
    await pane.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => pane.getByTestId('expiry-summary').textContent()).toBe('1 certificate expires within 7 days');
    expect(JSON.parse(cli('expiry', '--json')).leadDays).toBe(7);
    // The overview has the banner's words in its summary; every other page shows the banner, with its link.
    expect(await banner().count()).toBe(0);
    await page.getByRole('treeitem', { name: 'Sites', exact: true }).click();
    await expect.poll(() => banner().textContent()).toContain('1 certificate expires within 7 days');
    await banner().getByRole('button', { name: 'Open Certificate Expiry' }).waitFor();
  });

  it('adds a binding from the Bindings pane, with conflicts explained inline before saving', async () => {
    await page.getByRole('treeitem', { name: 'Bindings', exact: true }).click();
    const pane = page.getByTestId('bindings');
    const grid = pane.getByRole('grid', { name: 'Bindings' });
    await grid.locator('[role="row"][data-site="Shop"]').waitFor();
    expect(await grid.locator('[role="row"][data-site="Shop"]').textContent()).toContain("shop.test (the site's)");
    // Its certificate expires within 30 days: said in words, and in the warning colour as everywhere else.
    const expires = grid.locator('[role="row"][data-site="Shop"] .soon');
    expect(await expires.textContent()).toMatch(/\(1[23] days left\)$/);
    const colourOf = (locator: typeof expires) => locator.evaluate((element) => getComputedStyle(element).color);
    const siteCell = grid.locator('[role="row"][data-site="Shop"] [role="gridcell"]').first();
    expect(await colourOf(expires)).not.toBe(await colourOf(siteCell));
    expect(await expires.evaluate((element) => getComputedStyle(element).fontWeight)).toBe('600');

    await pane.getByRole('group', { name: 'Binding actions' }).getByRole('button', { name: 'Add…' }).click();
    await dialog().waitFor();
    await dialog().getByRole('textbox', { name: 'IP address' }).fill('127.0.0.1');
    await dialog().getByRole('textbox', { name: 'Port' }).fill(String(shopPort));
    const conflicts = dialog().getByTestId('binding-conflicts');
    await expect.poll(() => conflicts.textContent()).toContain(`https://127.0.0.1:${shopPort} is already bound to this site`);
    const ok = dialog().getByRole('button', { name: 'OK' });
    expect(await ok.isDisabled()).toBe(true);

    // All addresses on the same port: another kind, explained in other words.
    await dialog().getByRole('textbox', { name: 'IP address' }).fill('*');
    await expect.poll(() => conflicts.textContent()).toContain(`so 127.0.0.1:${shopPort} cannot be bound on its own`);
    // A port another program holds.
    await dialog().getByRole('textbox', { name: 'IP address' }).fill('127.0.0.1');
    await dialog().getByRole('textbox', { name: 'Port' }).fill(String(heldPort));
    await expect.poll(() => conflicts.textContent()).toContain(`Port ${heldPort} on 127.0.0.1 is in use by another program`);
    await page.screenshot({ path: join(RESULTS, 'binding-conflict.png') });

    // A host name on Shop's endpoint is fine (SNI): the explanation goes, OK saves.
    await dialog().getByRole('textbox', { name: 'Port' }).fill(String(shopPort));
    await dialog().getByRole('textbox', { name: 'Host name' }).fill('www.shop.test');
    await chooseOption(/^SSL certificate/, /^spare\.test/);
    await conflicts.waitFor({ state: 'detached' });
    await expect.poll(() => ok.isEnabled()).toBe(true);
    await ok.click();
    await dialog().waitFor({ state: 'detached' });
    const added = grid.locator(`[role="row"][data-binding="https://127.0.0.1:${shopPort} host www.shop.test"]`);
    await added.waitFor();
    expect(await added.getAttribute('data-certificate')).toBe(spare.sha256);
    expect(bindingsFromCli().find((b) => b.host === 'www.shop.test')).toMatchObject({ siteName: 'Shop', port: shopPort, ownCertificateSha256: spare.sha256 });
  });

  it('edits a binding\'s certificate and removes a binding', async () => {
    const pane = page.getByTestId('bindings');
    const grid = pane.getByRole('grid', { name: 'Bindings' });
    const added = grid.locator(`[role="row"][data-binding="https://127.0.0.1:${shopPort} host www.shop.test"]`);
    await added.dblclick();
    await dialog().waitFor();
    expect(await dialog().getByRole('combobox', { name: /^Site/ }).getAttribute('aria-disabled')).toBe('true');
    await chooseOption(/^SSL certificate/, /^The site's certificate \(shop\.test\)/);
    const ok = dialog().getByRole('button', { name: 'OK' });
    await expect.poll(() => ok.isEnabled()).toBe(true);
    await ok.click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => added.getAttribute('data-certificate')).toBe(soon.sha256);
    expect(bindingsFromCli().find((b) => b.host === 'www.shop.test')?.ownCertificateSha256).toBeNull();
    await added.click();
    await page.screenshot({ path: join(RESULTS, 'bindings.png') });

    await page.getByRole('navigation', { name: 'Actions' }).getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove binding' });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await added.waitFor({ state: 'detached' });
    expect(bindingsFromCli().map((b) => b.host)).toEqual([null]);
    expect(pageErrors).toEqual([]);
  });
});
