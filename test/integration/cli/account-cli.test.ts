import { afterAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/models/site';
import { cliIn } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

// Accounts from the command line: adding one that exists must not quietly replace its groups (and
// with them what the authorization rules let it reach); changing one changes only what is given.

describe('certmapper account add / set', () => {
  const data = makeTempDir('certmapper-data-');
  const { cli, ok } = cliIn(data.path);
  const account = (name: string): Account | undefined => (JSON.parse(ok('account', 'list', '--json')) as Account[]).find((a) => a.name === name);
  afterAll(() => data.cleanup());

  it('refuses to add an account that exists, and keeps it as it was', () => {
    expect(ok('account', 'add', 'alice', '--group', 'staff', '--email', 'alice@lab.example')).toContain('Added account alice (groups: staff)');
    const again = cli('account', 'add', 'Alice', '--group', 'guests');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('CONFLICT');
    expect(again.stderr).toContain('Account "alice" exists (groups: staff)');
    expect(account('alice')).toEqual({ name: 'alice', groups: ['staff'], description: '', email: 'alice@lab.example' });
  });

  it('changes only what account set is given', () => {
    ok('account', 'set', 'alice', '--description', 'Accounts payable');
    expect(account('alice')).toEqual({ name: 'alice', groups: ['staff'], description: 'Accounts payable', email: 'alice@lab.example' });
    expect(ok('account', 'set', 'ALICE', '--group', 'ops', '--group', 'admins')).toContain('Changed account alice (groups: ops, admins)');
    expect(account('alice')?.groups).toEqual(['ops', 'admins']);
    ok('account', 'set', 'alice', '--clear-groups');
    expect(account('alice')).toEqual({ name: 'alice', groups: [], description: 'Accounts payable', email: 'alice@lab.example' });
  });

  it('says which account is missing, and refuses --group with --clear-groups', () => {
    const missing = cli('account', 'set', 'nobody', '--group', 'staff');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No account named "nobody" (add it with: certmapper account add nobody)');
    const both = cli('account', 'set', 'alice', '--group', 'staff', '--clear-groups');
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('not both');
    expect(account('nobody')).toBeUndefined();
  });
});
