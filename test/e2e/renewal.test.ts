import { X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { BindingRow } from '../../shared/models/binding';
import type { CertificateListItem } from '../../shared/models/certificate';
import { PROJECT_ROOT } from '../helpers/paths';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { createTestPki, type TestPki } from '../helpers/test-pki';
import { makeTempDir } from '../helpers/temp-dir';
import { sClientCertificate } from '../helpers/tls-probe';
import { pkcs7Of, signRequest } from '../integration/keys/key-fixtures';
import { launchConsoleBrowser } from './console-browser';
import { dropFiles } from './drop-files';

// The Renew Certificate wizard (KB Q277893) as an administrator uses it in the web console, against
// the Default Web Site a first start creates on https://127.0.0.1:8443: renewed by the local
// authority with the defaults, then through a request signed by another authority (openssl), its
// reply installed in the wizard after coming back to it, and once more through Complete Certificate
// Request. Each time a real TLS client must be shown the new certificate by the gateway. Last, a
// renewal closed at Verify bindings: the old certificate says so and offers Finish Renewal…, which
// reopens the wizard there (from Server Certificates, and from the Bindings pane, where the binding
// says it still presents the replaced certificate); once rebound it is marked as replaced, in the list
// and the binding picker. A renewal finished without moving the binding leaves it marked as information.

const RESULTS = join(PROJECT_ROOT, 'test-results');
const DEFAULT_SITE = { host: '127.0.0.1', port: 8443 };

/** "00:1A:2B" and "1a2b" name one serial: hex digits only, uppercase, no leading zeros. */
const serialKey = (serial: string) => serial.replace(/[^0-9a-f]/gi, '').toUpperCase().replace(/^0+(?=.)/, '');

/** The serial of the certificate the gateway presents on the default site, as `openssl s_client` is shown it. */
async function presentedSerial(): Promise<string> {
  const certificate = await sClientCertificate(DEFAULT_SITE.port, 'localhost');
  if (!certificate) throw new Error('the gateway presented no certificate');
  return serialKey(certificate.serialNumber);
}

/** Refuse to start on a port another program holds: the TLS client would be testing that program. */
async function assertPortFree(): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(new Error(`${DEFAULT_SITE.host}:${DEFAULT_SITE.port} is in use by another program (${(error as Error).message}): stop it, the Default Web Site needs it`)));
    probe.listen(DEFAULT_SITE.port, DEFAULT_SITE.host, () => probe.close(() => resolve()));
  });
}

describe('Renew Certificate wizard in Chromium, on the Default Web Site', () => {
  const temp = makeTempDir('certmapper-e2e-renewal-');
  const pageErrors: string[] = [];
  let pki: TestPki;
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;
  let pkiDir = '';

  const api = async <T,>(channel: string, input: unknown = {}): Promise<T> => {
    const response = await fetch(`${server.baseUrl}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
    expect(body.ok, body.error?.message).toBe(true);
    return body.value;
  };
  const keyActions = (): Locator => page.getByRole('group', { name: 'Key actions' });
  const wizard = (): Locator => page.getByRole('dialog', { name: 'Renew Certificate' });
  const step = (name: string): Locator => wizard().locator(`[data-testid="renewal-step"][data-step="${name}"]`);
  /** The certificate the Default Web Site's binding presents, as the Bindings list reports it. */
  const boundCertificate = async () => {
    const rows = (await api<{ items: BindingRow[] }>('bindings.list')).items;
    const row = rows.find((r) => r.siteName === 'Default Web Site' && r.port === DEFAULT_SITE.port);
    expect(row?.certificate).toBeTruthy();
    return row!.certificate!;
  };
  /** Config changes reach the gateway within a second: poll the TLS client up to ~3 s. */
  const expectPresented = (serial: string) => expect.poll(() => presentedSerial().catch((error: Error) => error.message), { timeout: 3_000, interval: 150 }).toBe(serialKey(serial));

  /** A row of Server Certificates. */
  const serverCertificate = (sha256: string): Locator => page.getByRole('grid', { name: 'Server certificates' }).locator(`[role="row"][data-sha256="${sha256}"]`);
  /** The Status cell of a renewed certificate in Server Certificates: its text, and its tooltip, which names what replaced it. */
  const renewalStatus = async (sha256: string) => {
    const cell = serverCertificate(sha256).locator('[role="gridcell"][title^="Renewed on"]');
    await cell.waitFor();
    return { text: await cell.textContent(), title: await cell.getAttribute('title') };
  };
  /** Open Server Certificates and select the certificate. */
  const selectServerCertificate = async (sha256: string) => {
    await page.getByRole('treeitem', { name: 'Server Certificates', exact: true }).click();
    await page.getByTestId('keys').waitFor();
    await serverCertificate(sha256).click();
  };
  /** Open Server Certificates, select the certificate, Renew…; the wizard opens on its first step. */
  const openWizard = async (sha256: string) => {
    await selectServerCertificate(sha256);
    await keyActions().getByRole('button', { name: 'Renew…' }).click();
    await step('certificate').waitFor();
  };
  /** Next through Certificate, Key and Subject and names with their prefilled defaults. */
  const acceptDefaultsUpToAuthority = async () => {
    const next = wizard().getByRole('button', { name: 'Next' });
    await next.click();
    await step('key').waitFor();
    await next.click();
    await step('names').waitFor();
    await next.click();
    await step('authority').waitFor();
  };
  /** Verify bindings: the default site's binding is listed and checked; Rebind; the summary's new serial. */
  const rebindDefaultSite = async (expectedSerial?: string): Promise<string> => {
    await step('bindings').waitFor();
    const binding = wizard().getByRole('checkbox', { name: 'https://127.0.0.1:8443 of site "Default Web Site" (the site\'s certificate)' });
    expect(await binding.isChecked()).toBe(true);
    await wizard().getByRole('button', { name: 'Rebind' }).click();
    await step('summary').waitFor();
    const serial = (await wizard().getByTestId('renewed-serial').textContent()) ?? '';
    if (expectedSerial) expect(serialKey(serial)).toBe(serialKey(expectedSerial));
    expect(await wizard().getByTestId('renewal-rebound').textContent()).toContain('https://127.0.0.1:8443 of site "Default Web Site"');
    expect(await wizard().getByTestId('renewal-remaining').textContent()).toContain('None.');
    return serial;
  };
  /** The Default Web Site's row in the Bindings pane, once it presents the certificate. */
  const openBindingRow = async (sha256: string): Promise<Locator> => {
    await page.getByRole('treeitem', { name: 'Bindings', exact: true }).click();
    const row = page.getByTestId('bindings').getByRole('grid', { name: 'Bindings' }).locator(`[role="row"][data-site="Default Web Site"][data-certificate="${sha256}"]`);
    await row.waitFor();
    return row;
  };
  const bindingActions = (): Locator => page.getByRole('group', { name: 'Binding actions' });
  /** The old certificate's renewal and the new certificate, as the certificate store lists them. */
  const renewalOfStore = async (sha256: string) => {
    const items = (await api<{ items: CertificateListItem[] }>('certificates.list')).items;
    const renewal = items.find((c) => c.sha256 === sha256)?.renewal;
    expect(renewal).toBeTruthy();
    return { at: renewal!.at, renewedBy: items.find((c) => c.sha256 === renewal!.renewedBy)! };
  };
  /** A date as the console shows it (the browser's locale). */
  const formatted = (iso: string): Promise<string> => page.evaluate((at) => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit' }).format(Date.parse(at)), iso);
  const finish = async () => {
    await wizard().getByRole('button', { name: 'Finish' }).click();
    await wizard().waitFor({ state: 'detached' });
  };
  /** Renew with the defaults up to the authority, choose the request file: the wizard waits at its install step. */
  const saveRequestForAnotherAuthority = async (sha256: string) => {
    await openWizard(sha256);
    await acceptDefaultsUpToAuthority();
    await wizard().getByRole('radio', { name: 'Save a request for another authority' }).check();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await step('install').waitFor();
  };
  /** The request PEM the wizard shows, signed by the test PKI's issuing CA; the reply as PKCS#7 with its chain. */
  const signElsewhere = async (name: string) => {
    const pem = await wizard().getByTestId('request-pem').inputValue();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n$/);
    const signed = signRequest(pem, pki.intermediate, pkiDir, name);
    return { pem, reply: pkcs7Of([signed.path, pki.intermediate.pemPath], pkiDir, `${name}-reply`), serial: new X509Certificate(signed.pem).serialNumber };
  };

  beforeAll(async () => {
    await assertPortFree();
    pkiDir = join(temp.path, 'pki');
    mkdirSync(pkiDir);
    mkdirSync(RESULTS, { recursive: true });
    pki = createTestPki(pkiDir);
    server = await startConsole({ defaultSite: true });
    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
    await page.goto(server.url);
    await page.getByRole('tree', { name: 'Connections' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('says on the start page what the first start created: the default site and the local authority', async () => {
    const firstStart = page.getByRole('alert', { name: 'First start' });
    await firstStart.waitFor();
    const text = (await firstStart.textContent()) ?? '';
    expect(text).toContain('Created "Default Web Site" on https://127.0.0.1:8443');
    expect(text).toContain('development server certificate');
    expect(text).toContain('Created the local certificate authority');
    expect(text).toContain('Issue Client Certificate…');
  });

  it('renews the development certificate with the defaults (new key, local authority): the binding moves and TLS shows the new serial', async () => {
    const old = await boundCertificate();
    await expect.poll(() => presentedSerial().catch((error: Error) => error.message), { timeout: 5_000, interval: 150 }).toBe(serialKey(old.serial));

    await openWizard(old.sha256);
    expect(serialKey((await wizard().getByTestId('renewal-old-serial').textContent()) ?? '')).toBe(serialKey(old.serial));
    expect(await wizard().getByTestId('renewal-uses').textContent()).toContain('https://127.0.0.1:8443');
    await wizard().getByRole('button', { name: 'Next' }).click();
    await step('key').waitFor();
    expect(await wizard().getByRole('radio', { name: 'Make a new key (recommended)' }).isChecked()).toBe(true);
    expect(await wizard().getByRole('combobox', { name: 'Key algorithm' }).textContent()).toBe('ECDSA P-256');
    await wizard().getByRole('button', { name: 'Next' }).click();
    await step('names').waitFor();
    // Prefilled as the store shows the certificate's subject (RFC 4514), so an unedited renewal keeps it.
    const plan = await api<{ subject: string }>('renewal.plan', { sha256: old.sha256 });
    expect(plan.subject).toContain('CN=CertMapper Development Certificate');
    expect(await wizard().getByRole('textbox', { name: 'Subject' }).inputValue()).toBe(plan.subject);
    const names = wizard().getByRole('list', { name: 'Names in the request' });
    expect(await names.getByRole('listitem').allTextContents()).toEqual(['dns:localhost', 'ip:127.0.0.1', 'ip:::1']);
    await wizard().getByRole('button', { name: 'Back' }).click();
    await step('key').waitFor();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await step('authority').waitFor();
    expect(await wizard().getByRole('radio', { name: 'Send to the local authority' }).isChecked()).toBe(true);
    await wizard().getByRole('button', { name: 'Next' }).click();

    const serial = await rebindDefaultSite();
    expect(serialKey(serial)).not.toBe(serialKey(old.serial));
    await page.screenshot({ path: join(RESULTS, 'renewal-wizard.png') });
    await expectPresented(serial);
    const now = await boundCertificate();
    expect(serialKey(now.serial)).toBe(serialKey(serial));
    expect(await wizard().getByTestId('renewed-sha256').textContent()).toBe(now.sha256);
    await finish();
    // The old certificate stays in the store, and says which one replaced it: both have one name.
    const status = await renewalStatus(old.sha256);
    expect(status.text).toBe('Replaced');
    expect(status.title).toContain(`replaced by the one expiring ${await formatted(now.notAfter)}, SHA-256 ${now.sha256}.`);
    expect(await serverCertificate(now.sha256).textContent()).not.toMatch(/Replaced|Renewal not finished/);
  });

  it('saves a request for another authority, comes back with Continue Renewal…, installs the reply: the binding moves', async () => {
    const old = await boundCertificate();
    await saveRequestForAnotherAuthority(old.sha256);
    const signed = await signElsewhere('external-renewal');
    expect(serialKey(signed.serial)).not.toBe(serialKey(old.serial));

    // Close and come back later: the request waits as pending, marked as the renewal of the old certificate.
    await wizard().getByRole('button', { name: 'Close' }).click();
    await wizard().waitFor({ state: 'detached' });
    const pending = page.getByRole('grid', { name: 'Pending requests' }).locator(`[role="row"][data-renews="${old.sha256}"]`);
    await pending.click();
    await keyActions().getByRole('button', { name: 'Continue Renewal…' }).click();
    await step('install').waitFor();
    expect(await wizard().getByTestId('request-pem').inputValue()).toBe(signed.pem);
    expect(await wizard().getByRole('button', { name: 'Install' }).isDisabled()).toBe(true);
    await dropFiles(page, [signed.reply], undefined, '[data-testid="renewal-reply-drop"]');
    await wizard().getByTestId('renewal-reply-file').filter({ hasText: 'external-renewal-reply.p7b' }).waitFor();
    await wizard().getByRole('button', { name: 'Install' }).click();

    await rebindDefaultSite(signed.serial);
    await expectPresented(signed.serial);
    await finish();
    await page.getByRole('grid', { name: 'Pending requests' }).getByText('No request is waiting.').waitFor();
  });

  it('Complete Certificate Request… with a renewal reply continues into the wizard at Verify bindings', async () => {
    const old = await boundCertificate();
    await saveRequestForAnotherAuthority(old.sha256);
    const signed = await signElsewhere('completed-renewal');
    await wizard().getByRole('button', { name: 'Close' }).click();
    await wizard().waitFor({ state: 'detached' });

    await keyActions().getByRole('button', { name: 'Complete Certificate Request…' }).click();
    const complete = page.getByRole('dialog', { name: 'Complete Certificate Request' });
    await complete.getByTestId('reply-drop-input').setInputFiles(signed.reply);
    await complete.getByTestId('reply-file').filter({ hasText: 'completed-renewal-reply.p7b' }).waitFor();
    await complete.getByRole('button', { name: 'Install' }).click();
    await complete.waitFor({ state: 'detached' });

    await rebindDefaultSite(signed.serial);
    await expectPresented(signed.serial);
    await finish();
  });

  it('closed at Verify bindings, the old certificate offers Finish Renewal…, which reopens the wizard there and moves the binding', async () => {
    const old = await boundCertificate();
    await openWizard(old.sha256);
    await acceptDefaultsUpToAuthority();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await step('bindings').waitFor();
    const installed = (await wizard().getByTestId('renewal-installed').textContent()) ?? '';
    const serial = /serial ([0-9A-F:]+)/i.exec(installed)?.[1] ?? '';
    expect(serialKey(serial)).not.toBe(serialKey(old.serial));
    const close = wizard().getByRole('button', { name: 'Close' });
    expect(await close.getAttribute('title')).toContain('Finish Renewal… on the old certificate comes back here');
    await close.click();
    await wizard().waitFor({ state: 'detached' });

    // The binding keeps the old certificate, and says so where the bindings are looked at, with the way out.
    expect((await boundCertificate()).sha256).toBe(old.sha256);
    const waitingRenewal = await renewalOfStore(old.sha256);
    const bindingRow = await openBindingRow(old.sha256);
    const replaced = bindingRow.getByTestId('binding-replaced');
    expect(await replaced.textContent()).toBe('Renewal not finished');
    expect(await replaced.getAttribute('title')).toBe(
      `Replaced by a renewal on ${await formatted(waitingRenewal.at)} — the new certificate expires ${await formatted(waitingRenewal.renewedBy.notAfter)}. The renewal is not finished: Finish Renewal… moves this binding to the new certificate.`,
    );
    await bindingRow.click();
    await page.screenshot({ path: join(RESULTS, 'renewal-binding-unfinished.png') });
    await bindingActions().getByRole('button', { name: 'Finish Renewal…' }).click();
    await step('bindings').waitFor();
    expect(await wizard().getByTestId('renewal-installed').textContent()).toContain(`serial ${serial}`);
    await wizard().getByRole('button', { name: 'Close' }).click();
    await wizard().waitFor({ state: 'detached' });

    // The old certificate says its renewal waits too, also after a reload of the console.
    await page.reload();
    await selectServerCertificate(old.sha256);
    const waiting = await renewalStatus(old.sha256);
    expect(waiting.text).toBe('Renewal not finished');
    expect(waiting.title).toContain('Its bindings and mappings were not moved yet: Finish Renewal… moves them');
    const finishRenewal = keyActions().getByRole('button', { name: 'Finish Renewal…' });
    expect(await finishRenewal.isEnabled()).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'renewal-unfinished.png') });
    await finishRenewal.click();
    await step('bindings').waitFor();
    expect(await wizard().getByTestId('renewal-installed').textContent()).toContain(`serial ${serial}`);
    await rebindDefaultSite(serial);
    await expectPresented(serial);
    await finish();

    const renewed = await boundCertificate();
    await expect.poll(async () => (await renewalStatus(old.sha256)).text).toBe('Replaced');
    expect((await renewalStatus(old.sha256)).title).toContain(`replaced by the one expiring ${await formatted(renewed.notAfter)}, SHA-256 ${renewed.sha256}.`);
    expect(await finishRenewal.isDisabled()).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'renewal-marked.png') });

    // Moved: the binding no longer says anything about a renewal. Its certificate picker marks the replaced one; the current one is not marked.
    const movedRow = await openBindingRow(renewed.sha256);
    expect(await movedRow.getByTestId('binding-replaced').count()).toBe(0);
    await movedRow.dblclick();
    const binding = page.getByRole('dialog', { name: /Site Binding$/ });
    await binding.getByRole('combobox', { name: /^SSL certificate/ }).click();
    const option = (sha256: string) => page.getByRole('option', { name: new RegExp(`· ${sha256.slice(0, 8)}…`) });
    expect(await option(old.sha256).textContent()).toMatch(/· replaced \(renewed .+\)$/);
    expect(await option(renewed.sha256).textContent()).not.toContain('replaced');
    await page.screenshot({ path: join(RESULTS, 'renewal-binding-picker.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await binding.getByRole('button', { name: 'Cancel' }).click();
    await binding.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('finished without moving the binding, the binding says it kept the replaced certificate, as information; Edit… moves it', async () => {
    const old = await boundCertificate();
    await openWizard(old.sha256);
    await acceptDefaultsUpToAuthority();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await step('bindings').waitFor();
    await wizard().getByRole('checkbox', { name: /of site "Default Web Site"/ }).uncheck();
    await wizard().getByRole('button', { name: 'Finish Without Moving' }).click();
    await step('summary').waitFor();
    await finish();

    const kept = await renewalOfStore(old.sha256);
    const bindingRow = await openBindingRow(old.sha256);
    const replaced = bindingRow.getByTestId('binding-replaced');
    expect(await replaced.textContent()).toBe(`Replaced on ${await formatted(kept.at)}`);
    expect(await replaced.getAttribute('title')).toBe(
      `Replaced by a renewal on ${await formatted(kept.at)} — the new certificate expires ${await formatted(kept.renewedBy.notAfter)}. The renewal was finished without moving this binding: Edit… changes its certificate.`,
    );
    await bindingRow.click();
    expect(await bindingActions().getByRole('button', { name: 'Finish Renewal…' }).count()).toBe(0);
    await page.screenshot({ path: join(RESULTS, 'renewal-binding-kept.png') });

    await bindingActions().getByRole('button', { name: 'Edit…' }).click();
    const binding = page.getByRole('dialog', { name: /Site Binding$/ });
    await binding.getByRole('combobox', { name: /^SSL certificate/ }).click();
    await page.getByRole('option', { name: new RegExp(`· ${kept.renewedBy.sha256.slice(0, 8)}…`) }).click();
    await binding.getByRole('button', { name: 'OK' }).click();
    await binding.waitFor({ state: 'detached' });
    const movedRow = page.getByTestId('bindings').locator(`[role="row"][data-site="Default Web Site"][data-certificate="${kept.renewedBy.sha256}"]`);
    await movedRow.waitFor();
    expect(await movedRow.getByTestId('binding-replaced').count()).toBe(0);
    await expectPresented(kept.renewedBy.serial);
    expect(pageErrors).toEqual([]);
  });
});
