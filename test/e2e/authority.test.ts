import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { AuthorityInfo } from '../../shared/models/authority';
import type { Site } from '../../shared/models/site';
import { parseHttp, runProgram } from '../helpers/gateway/clients';
import { PROJECT_ROOT } from '../helpers/paths';
import { cliIn, importServerCertificate } from '../helpers/run-cli';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { makeTempDir } from '../helpers/temp-dir';
import { freePort, launchConsoleBrowser } from './console-browser';
import { dropFiles } from './drop-files';

// The Certification Authority feature as an administrator uses it in the web console: create the
// authority, issue a client certificate for an account (the .pfx downloads) mapped on a site, which
// curl then uses against the running gateway; revoke it with a reason, and the gateway refuses it;
// sign a request dropped on the dialog.

const RESULTS = join(PROJECT_ROOT, 'test-results');
const PASSWORD = 'console pfx';

describe('Certification Authority in the web console', () => {
  const temp = makeTempDir('certmapper-e2e-authority-');
  const dir = temp.path;
  const pageErrors: string[] = [];
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;
  let sitePort = 0;
  let crlUrl = '';

  const { ok: cli } = cliIn(() => server.dataDir);
  const actionsPane = (): Locator => page.getByRole('navigation', { name: 'Actions' });
  const pane = (): Locator => page.getByTestId('authority');
  const curl = async (pfx: string) => {
    const result = await runProgram('curl', ['-sS', '-i', '--http1.1', '--max-time', '20', '--cacert', join(dir, 'root.pem'), '--cert-type', 'P12', '--cert', `${pfx}:${PASSWORD}`, `https://127.0.0.1:${sitePort}/`]);
    if (result.code !== 0) throw new Error(`curl failed: ${result.stderr}`);
    return parseHttp(result.stdout);
  };

  beforeAll(async () => {
    server = await startConsole();
    sitePort = await freePort();
    crlUrl = `http://127.0.0.1:${await freePort()}/crl/console.crl`;
    ({ context, page } = await launchConsoleBrowser(join(dir, 'profile'), pageErrors));
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(dir, 'index.html'), 'console lab\n');
    execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-out', 'server.csr'], { cwd: dir, stdio: 'ignore' });
    execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'device.key', '-subj', '/O=Lab/CN=device-7', '-out', 'device.csr'], { cwd: dir, stdio: 'ignore' });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('creates the authority from the pane', async () => {
    await page.goto(server.url);
    await page.getByRole('treeitem', { name: 'Certification Authority', exact: true }).click();
    await pane().getByRole('button', { name: 'Create Authority…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Certification Authority' });
    await dialog.getByLabel('Name').fill('Console Lab CA');
    await dialog.getByLabel('CRL distribution point').fill(crlUrl);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => pane().getByTestId('crl-info').textContent()).toContain(`CRL #1 published at ${crlUrl}`);
    const info: AuthorityInfo = JSON.parse(cli('ca', 'status', '--json')).authority;
    expect(info).toMatchObject({ name: 'Console Lab CA', intermediate: null });

    // The rest of the lab as an administrator scripts it: a server certificate from the same authority, a site, an account.
    cli('cert', 'export', info.root.sha256, '--format', 'pem', '--out', join(dir, 'root.pem'));
    const serverSha256 = cli('ca', 'sign', join(dir, 'server.csr'), '--profile', 'server', '--out', join(dir, 'server.pem')).split('\n')[0]!;
    importServerCertificate(cli, join(dir, 'server.pem'), join(dir, 'server.key'));
    cli('site', 'add', 'Console Lab', '--bind', `https://127.0.0.1:${sitePort}`, '--server-cert', serverSha256, '--content', dir);
    cli('account', 'add', 'carol', '--email', 'carol@lab.example', '--upn', 'carol@corp.lab');
  });

  it('issues a client certificate for carol, mapped on the site: the .pfx downloads and curl gets in with it', async () => {
    await actionsPane().getByRole('button', { name: 'Issue Client Certificate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue Client Certificate' });
    await dialog.getByRole('combobox', { name: /^Account/ }).click();
    await page.getByRole('option', { name: 'carol', exact: true }).click();
    await expect.poll(() => dialog.getByLabel('Subject').inputValue()).toBe('CN=carol, E=carol@lab.example');
    await expect.poll(() => dialog.textContent()).toContain('SAN: email carol@lab.example, UPN carol@corp.lab');
    await dialog.getByLabel('Subject').fill('CN=Carol Jones, O=Lab');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByLabel('Confirm password').fill(PASSWORD);
    await dialog.getByRole('combobox', { name: /^Map on site/ }).click();
    await page.getByRole('option', { name: 'Console Lab', exact: true }).click();
    const downloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Issue and Download' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('carol.pfx');
    const pfx = join(dir, 'carol.pfx');
    await download.saveAs(pfx);
    await dialog.waitFor({ state: 'detached' });

    const row = pane().locator('[role="row"][data-status="valid"]').filter({ hasText: 'Carol Jones' });
    await row.waitFor();
    const sha256 = await row.getAttribute('data-sha256');
    const site = JSON.parse(cli('site', 'show', 'Console Lab', '--json')) as Site;
    expect(site.oneToOne).toMatchObject([{ certificateSha256: sha256, account: 'carol' }]);
    const subject = execFileSync('openssl', ['pkcs12', '-in', pfx, '-passin', `pass:${PASSWORD}`, '-nokeys', '-clcerts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(subject).toMatch(/subject=O = Lab, CN = Carol Jones/); // OpenSSL prints the DER order
    const answer = await curl(pfx);
    expect([answer.status, answer.body]).toEqual([200, 'console lab\n']);
    await page.screenshot({ path: join(RESULTS, 'authority.png') });
  });

  it('revokes it with a reason: the row says so, the CRL number moves on, and the gateway answers 403.13', async () => {
    const row = pane().locator('[role="row"]').filter({ hasText: 'Carol Jones' });
    await row.click();
    await actionsPane().getByRole('button', { name: 'Revoke…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke Certificate' });
    await dialog.getByRole('combobox', { name: /^Reason/ }).click();
    await page.getByRole('option', { name: 'Key Compromise', exact: true }).click();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
    expect(await row.textContent()).toContain('Revoked (Key Compromise)');
    await expect.poll(() => pane().getByTestId('crl-info').textContent()).toContain('CRL #2');
    await expect.poll(async () => (await curl(join(dir, 'carol.pfx'))).headers['x-certmapper-status'], { timeout: 10_000 }).toBe('403.13');
  });

  it("shows it revoked where an administrator looks: the site's one-to-one mapping (still enabled), the Client Certificates store and its details", async () => {
    const sha256 = await pane().locator('[role="row"]').filter({ hasText: 'Carol Jones' }).getAttribute('data-sha256');
    await page.getByRole('treeitem', { name: 'Console Lab', exact: true }).click();
    await page.getByTestId('site-home').waitFor();
    await page.getByRole('button', { name: /^Client Certificate Mappings/ }).click();
    const mapping = page.getByTestId('one-to-one-mappings').locator(`[role="row"][data-sha256="${sha256}"]`);
    await expect.poll(() => mapping.getAttribute('data-revoked')).toBe('true');
    // The mapping keeps its enabled flag: it is the certificate that no longer logs on.
    expect(await mapping.getAttribute('data-enabled')).toBe('true');
    expect(await mapping.getByRole('gridcell').nth(2).textContent()).toBe('YesCertificate revoked');
    const marker = mapping.getByTestId('mapping-certificate-revoked');
    expect(await marker.getAttribute('title')).toMatch(/^Revoked on .+, reason: keyCompromise\. Source: local authority "Console Lab CA"\.$/);
    expect(await marker.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(211, 47, 47)');
    await page.screenshot({ path: join(RESULTS, 'mappings-revoked.png') });

    await page.getByRole('treeitem', { name: /^Client Certificates/ }).click();
    const row = page.locator(`[role="row"][data-sha256="${sha256}"]`);
    await row.waitFor();
    const status = row.getByTestId('certificate-status');
    expect(await status.textContent()).toBe('Revoked');
    expect(await status.locator('.revoked').getAttribute('title')).toMatch(/reason: keyCompromise/);
    expect(await status.locator('.revoked').evaluate((element) => getComputedStyle(element).color)).toBe('rgb(211, 47, 47)');
    // Other certificates say nothing: the authority's root is not revoked, and its details do not pretend a CRL checked it.
    await page.getByRole('treeitem', { name: /^Trusted Root/ }).click();
    const root = page.locator('[role="row"][data-sha256]').filter({ hasText: 'Console Lab CA' });
    await root.waitFor();
    expect(await root.getByTestId('certificate-status').textContent()).toBe('');
    const details = page.getByTestId('certificate-details');
    await root.dblclick();
    await expect.poll(() => details.getByTestId('revocation-status').textContent()).toBe('Not applicable: self-signed');
    expect(await details.getByTestId('certificate-revoked').count()).toBe(0);
    // The server certificate it signed: not revoked, and the details say what that rests on.
    await page.getByRole('treeitem', { name: /^Server \(Personal\)/ }).click();
    await page.locator('[role="row"][data-sha256]').filter({ hasText: '127.0.0.1' }).dblclick();
    await expect.poll(() => details.getByTestId('revocation-status').textContent()).toMatch(/^Not revokedChecked against the CRL of "CN=Console Lab CA" \(\d{4}-\d\d-\d\d\)$/);

    // The revoked certificate's details say so first: when, why and who.
    await page.getByRole('treeitem', { name: /^Client Certificates/ }).click();
    await row.dblclick();
    const revoked = details.getByTestId('certificate-revoked');
    await revoked.waitFor();
    expect(await details.getByTestId('detail-sha256').textContent()).toBe(sha256);
    expect(await revoked.textContent()).toMatch(/^RevokedThis certificate was revoked on .+ \(Key Compromise\)\. Source: local authority "Console Lab CA"\.$/);
    expect(await details.getByTestId('revocation-status').count()).toBe(0);
    await page.screenshot({ path: join(RESULTS, 'certificates-revoked.png') });
    // Back where the next test expects to be.
    await page.getByRole('treeitem', { name: 'Certification Authority', exact: true }).click();
    await pane().waitFor();
  });

  it('signs a request dropped on the Sign Request dialog; openssl verifies what downloads', async () => {
    await actionsPane().getByRole('button', { name: 'Sign Request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign Request' });
    await dropFiles(page, [join(dir, 'device.csr')], undefined, '[data-testid="sign-request-drop"]');
    await dialog.getByText('device.csr').waitFor();
    const downloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Sign and Download' }).click();
    const download = await downloaded;
    const pem = join(dir, 'device.pem');
    await download.saveAs(pem);
    await dialog.waitFor({ state: 'detached' });
    const verdict = spawnSync('openssl', ['verify', '-CAfile', join(dir, 'root.pem'), '-purpose', 'sslclient', pem], { encoding: 'utf8' });
    expect(verdict.stdout.trim()).toBe(`${pem}: OK`);
    await pane().locator('[role="row"][data-status="valid"]').filter({ hasText: 'CN=device-7, O=Lab' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
