import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Account } from '../../shared/models/site';
import { PROJECT_ROOT } from '../helpers/paths';
import { cliIn, importServerCertificate } from '../helpers/run-cli';
import { startConsole, type RunningConsole } from '../helpers/start-console';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestPki, type TestPki } from '../helpers/test-pki';
import { freePort, launchConsoleBrowser } from './console-browser';

// The Accounts pane and a site's Authorization Rules, as an administrator meets them: a wrong field is
// named under that field, a change that would be refused is not offered, and a deny rule does not
// quietly lock everybody else out.

const SITE = 'Accounts Test';

describe('accounts and authorization rules in the web console', () => {
  const temp = makeTempDir('certmapper-e2e-accounts-');
  const pageErrors: string[] = [];
  let pki: TestPki;
  let server: RunningConsole;
  let context: BrowserContext;
  let page: Page;

  const { ok: cli } = cliIn(() => server.dataDir);
  const accountsFromCli = (): Account[] => JSON.parse(cli('account', 'list', '--json')) as Account[];
  const accountsTable = (): Locator => page.getByTestId('accounts');
  const pressAction = (name: string) => page.getByRole('group', { name: 'Account actions' }).getByRole('button', { name }).click();

  beforeAll(async () => {
    const pkiDir = join(temp.path, 'pki');
    mkdirSync(pkiDir);
    pki = createTestPki(pkiDir);
    server = await startConsole();
    importServerCertificate(cli, pki.server.pemPath, pki.server.keyPath);
    cli('site', 'add', SITE, '--bind', `https://127.0.0.1:${await freePort()}`, '--server-cert', pki.server.sha256, '--content', pkiDir);
    cli('account', 'add', 'alice', '--group', 'staff');
    cli('map', 'add', '--site', SITE, '--cert', pki.client.pemPath, '--account', 'alice');
    ({ context, page } = await launchConsoleBrowser(join(temp.path, 'profile'), pageErrors));
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('names a malformed email under the Email field, and adds the account once it is right', async () => {
    await page.goto(server.url);
    await page.getByRole('treeitem', { name: 'Accounts', exact: true }).click();
    await pressAction('Add…');
    const dialog = page.getByRole('dialog', { name: 'Add Account' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('bob');
    const email = dialog.getByRole('textbox', { name: 'Email' });
    await email.fill('not an email');
    await dialog.getByRole('button', { name: 'OK' }).click();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByText('Not an email address (name@domain)').count()).toBe(1);
    // Nothing reached the services: the message is the console's, not the contract's.
    expect(await dialog.textContent()).not.toContain('accounts.upsert');
    expect(accountsFromCli().map((a) => a.name)).toEqual(['alice']);

    await email.fill('bob@lab.example');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => accountsFromCli().find((a) => a.name === 'bob')?.email).toBe('bob@lab.example');
    await accountsTable().getByRole('row', { name: /bob/ }).waitFor();
  });

  it('does not offer to remove an account that mappings log on as', async () => {
    await accountsTable().getByRole('row', { name: /alice/ }).click();
    await pressAction('Remove');
    const confirm = page.getByRole('dialog', { name: 'Remove account' });
    expect(await confirm.textContent()).toContain('1 mapping logs on as this account: remove it first.');
    expect(await confirm.getByRole('button', { name: 'Remove' }).isDisabled()).toBe(true);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });

    // One no mapping uses is removed.
    await accountsTable().getByRole('row', { name: /bob/ }).click();
    await pressAction('Remove');
    await page.getByRole('dialog', { name: 'Remove account' }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => accountsFromCli().map((a) => a.name)).toEqual(['alice']);
  });

  it('keeps everyone else allowed beside a first deny rule, and warns when no rule allows anyone', async () => {
    await page.getByRole('treeitem', { name: SITE, exact: true }).click();
    await page.getByTestId('site-home').waitFor();
    await page.getByRole('button', { name: /^Authorization Rules/ }).click();
    const pane = page.getByTestId('authorization-rules');
    await page.getByRole('group', { name: 'Authorization actions' }).getByRole('button', { name: 'Add Deny Rule…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Deny Authorization Rule' });
    await dialog.getByRole('radio', { name: 'Specified group' }).check();
    await dialog.getByRole('combobox', { name: 'Group' }).fill('contractors');
    const allowOthers = dialog.getByRole('checkbox', { name: /Let all other users in/ });
    expect(await allowOthers.isChecked()).toBe(true);
    await page.screenshot({ path: join(PROJECT_ROOT, 'test-results', 'authorization-deny-rule.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cli('authz', 'list', '--site', SITE).trim()).toBe('1. deny group contractors\n2. allow everyone *');
    expect(await pane.getByTestId('authorization-nobody-allowed').count()).toBe(0);

    // Without the allow rule, the pane says plainly that nobody gets in.
    await pane.locator('[role="row"][data-access="allow"]').click();
    await page.getByRole('group', { name: 'Authorization actions' }).getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove authorization rule' }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => cli('authz', 'list', '--site', SITE).trim()).toBe('1. deny group contractors');
    await pane.getByTestId('authorization-nobody-allowed').waitFor();
    await page.screenshot({ path: join(PROJECT_ROOT, 'test-results', 'authorization-nobody-allowed.png'), animations: 'disabled' });
    expect(pageErrors).toEqual([]);
  });
});
