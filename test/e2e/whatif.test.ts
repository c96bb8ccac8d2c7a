import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/paths';
import { cliIn, importServerCertificate } from '../helpers/run-cli';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestPki, type TestPki } from '../helpers/test-pki';
import { freePort, launchConsoleBrowser } from './console-browser';

// What-if in the web console with the file an administrator actually has: the password-protected
// PFX the local authority issued for alice (mapped one-to-one on the site), chosen with the pane's
// file chooser. The pane asks for the password, says so when it is wrong, and opens the file with
// the right one without choosing it again; a result never outlives the inputs it was run with.

const RESULTS = join(PROJECT_ROOT, 'test-results');
const SITE = 'Intranet';
const PASSWORD = 'alice pfx secret';

describe('What-if in the web console', () => {
  const temp = makeTempDir('certmapper-e2e-whatif-');
  const data = makeTempDir('certmapper-e2e-whatif-data-');
  const pageErrors: string[] = [];
  let pki: TestPki;
  let alicePfx: string;
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;

  const { ok: cli } = cliIn(() => data.path);
  const pane = (): Locator => page.getByTestId('whatif');
  const run = () => pane().getByRole('group', { name: 'What-if actions' }).getByRole('button', { name: 'Run' }).click();
  const chooseCertificate = (path: string) => pane().getByTestId('whatif-certificate-input').setInputFiles(path);
  const passwordField = (): Locator => pane().getByLabel('PFX password');

  beforeAll(async () => {
    const pkiDir = join(temp.path, 'pki');
    mkdirSync(pkiDir);
    pki = createTestPki(pkiDir);
    // The lab as an administrator scripts it: an authority, a site, alice, and her PFX mapped on the site.
    cli('ca', 'init', '--name', 'What-if Lab CA');
    importServerCertificate(cli, pki.server.pemPath, pki.server.keyPath);
    cli('site', 'add', SITE, '--bind', `https://127.0.0.1:${await freePort()}`, '--server-cert', pki.server.sha256, '--content', pkiDir);
    cli('account', 'add', 'alice', '--email', 'alice@lab.example');
    alicePfx = join(temp.path, 'alice.pfx');
    cli('ca', 'issue', '--account', 'alice', '--out', alicePfx, '--password', PASSWORD, '--map-site', SITE);

    server = await startConsole({ dataDir: data.path });
    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
    mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
    data.cleanup();
  });

  it("asks for a chosen PFX's password, says when it is wrong, and decides with the right one", async () => {
    await page.goto(server.url);
    await page.getByRole('treeitem', { name: 'What-if', exact: true }).click();
    await pane().waitFor();
    await pane().getByRole('combobox', { name: /^Site/ }).filter({ hasText: SITE }).waitFor();
    // Nothing chosen, nothing to open: no password field.
    expect(await passwordField().count()).toBe(0);

    await chooseCertificate(alicePfx);
    await pane().getByRole('button', { name: 'alice.pfx' }).waitFor();
    // The file is a PFX: the field appears, masked, before the first run.
    await passwordField().waitFor();
    expect(await passwordField().getAttribute('type')).toBe('password');

    // Run without it: main cannot open the file and says why.
    await run();
    const error = pane().getByTestId('whatif-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('PASSWORD_REQUIRED');
    expect(await error.textContent()).toContain('protected by a password');

    // A wrong password: a clear refusal, the field marked, the file still chosen.
    await passwordField().fill('not the password');
    await error.waitFor({ state: 'detached' });
    await run();
    await pane().getByTestId('whatif-error').and(page.locator('[data-code="WRONG_PASSWORD"]')).waitFor();
    expect(await error.textContent()).toContain('The PKCS#12 password is wrong');
    await pane().getByText('Wrong password: type it again, then Run').waitFor();
    expect(await passwordField().getAttribute('aria-invalid')).toBe('true');
    expect(await pane().getByRole('button', { name: 'alice.pfx' }).count()).toBe(1);
    expect(await pane().getByTestId('whatif-result').count()).toBe(0);

    // The right one, typed again in the same field (Enter runs): alice, by her one-to-one mapping.
    await passwordField().fill(PASSWORD);
    await passwordField().press('Enter');
    const result = pane().getByTestId('whatif-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('200');
    expect(await pane().getByTestId('whatif-account').textContent()).toBe('alice');
    expect(await pane().getByTestId('whatif-decided-by').textContent()).toMatch(/one-to-one/);
    expect(await pane().getByTestId('whatif-trace').locator('[data-result="fail"]').count()).toBe(0);
    expect(await error.count()).toBe(0);
    await page.screenshot({ path: join(RESULTS, 'whatif-pfx.png') });
    // The password went to the one call: nothing the page keeps across a reload holds it.
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(kept).not.toContain(PASSWORD);
  });

  it('clears the result and its trace as soon as another file is chosen, the path or the time changes', async () => {
    // A refusal with its trace: the test PKI's client, whose issuer is not on the site's trust list.
    await chooseCertificate(pki.client.pemPath);
    await pane().getByRole('button', { name: `${pki.client.name}.pem` }).waitFor();
    // A PEM needs no password: the field of the previous PFX is gone, and so is alice's result.
    await passwordField().waitFor({ state: 'detached' });
    const result = pane().getByTestId('whatif-result');
    await result.waitFor({ state: 'detached' });
    await run();
    await result.and(page.locator('[data-status="403.16"]')).waitFor();
    expect(await pane().getByTestId('whatif-trace').locator('[data-result="fail"]').count()).toBe(1);

    // Another file: the chip changes, and the old decision and trace go at once, before any run.
    await chooseCertificate(alicePfx);
    await pane().getByRole('button', { name: 'alice.pfx' }).waitFor();
    await result.waitFor({ state: 'detached' });
    expect(await pane().getByTestId('whatif-trace').count()).toBe(0);
    await pane().getByText('Choose a site and a certificate, then Run.').waitFor();
    // A new file, a new password: the field is back, empty.
    expect(await passwordField().inputValue()).toBe('');
    await passwordField().fill(PASSWORD);
    await run();
    await result.and(page.locator('[data-status="200"]')).waitFor();
    expect(await pane().getByTestId('whatif-account').textContent()).toBe('alice');

    // Another path: that result goes too; run again, then another time: gone again.
    await pane().getByRole('textbox', { name: 'Path' }).fill('/reports/');
    await result.waitFor({ state: 'detached' });
    await pane().getByText('Choose a site and a certificate, then Run.').waitFor();
    await run();
    await result.and(page.locator('[data-status="200"]')).waitFor();
    await pane().getByLabel('At (optional)').fill('2099-01-01T12:00');
    await result.waitFor({ state: 'detached' });
    // And that run is judged at that time: long after alice's certificate expires.
    await run();
    await result.and(page.locator('[data-status="403.17"]')).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
