import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizationRule } from '../../../shared/models/site';
import { makeTempDir } from '../../helpers/temp-dir';
import { createDecisionPki, type DecisionPki } from './decision-pki';
import { allowRule as allow, decideOnce, denyRule as deny, engineFor, folderOf as folder, mappedSite, securityOf, statusOf } from './decision-fixture';

// Step 6 (IIS URL authorization, 401.3) and folder directory security (mapping-spec section 1):
// longest path prefix on segment boundaries, case-insensitive, inherited settings.

type Cert = 'alice' | 'bob' | null;

describe('folders and authorization', () => {
  const work = makeTempDir('decision-folders-');
  let pki: DecisionPki;
  let at: Date;
  beforeAll(() => {
    pki = createDecisionPki(work.path);
    at = new Date();
  });
  afterAll(() => work.cleanup());
  const run = (site: ReturnType<typeof mappedSite>, cert: Cert, request: { tls?: boolean; path?: string } = {}) =>
    decideOnce(pki, site, cert ? pki[cert] : null, { ...request, at });

  describe('authorization rules: deny first, then allow', () => {
    const cases: [string, AuthorizationRule[], Cert, string][] = [
      ['allow account', [allow('account', 'alice')], 'alice', '200.0'],
      ['allow account, other user', [allow('account', 'alice')], 'bob', '401.3'],
      ['account names are case-insensitive', [allow('account', 'ALICE')], 'alice', '200.0'],
      ['deny account', [deny('account', 'alice'), allow('everyone')], 'alice', '401.3'],
      ['deny is checked before allow, whatever the order', [allow('account', 'bob'), deny('group', 'admins')], 'bob', '401.3'],
      ['allow group via the account\'s groups', [allow('group', 'admins')], 'bob', '200.0'],
      ['allow group, not a member', [allow('group', 'Admins')], 'alice', '401.3'],
      ['deny group', [deny('group', 'Staff'), allow('everyone')], 'alice', '401.3'],
      ['allow everyone (*): any mapped user', [allow('everyone')], 'alice', '200.0'],
      ['allow everyone (*) excludes anonymous', [allow('everyone')], null, '401.3'],
      ['allow anonymous (?)', [allow('anonymous')], null, '200.0'],
      ['allow anonymous (?) only: a mapped user is refused', [allow('anonymous')], 'alice', '401.3'],
      ['deny anonymous (?)', [deny('anonymous'), allow('everyone')], null, '401.3'],
      ['empty list allows mapped users', [], 'alice', '200.0'],
      ['empty list allows anonymous when anonymous is on', [], null, '200.0'],
    ];
    it.each(cases)('%s', (_name, rules, cert, expected) => {
      const site = mappedSite(pki, { security: securityOf({ clientCertificates: 'accept', anonymous: true }), authorization: rules });
      const decision = run(site, cert);
      expect(statusOf(decision)).toBe(expected);
      if (expected === '401.3') expect(decision.failedStep).toBe('authorization');
    });
  });

  describe('folders', () => {
    const site = () =>
      mappedSite(pki, {
        security: securityOf({ clientCertificates: 'accept', anonymous: true }),
        authorization: [allow('everyone'), allow('anonymous')],
        folders: [
          folder('/admin', { clientCertificates: 'require', anonymous: false }, [allow('group', 'Admins')]),
          folder('/admin/public/', { clientCertificates: 'ignore', anonymous: true }, [allow('anonymous')]),
          folder('/admin/reports', { revocation: 'off' }),
          folder('/plain', { requireTls: false }),
        ],
      });
    it.each([
      ['/', 'alice', '200.0'],
      ['/admin', 'alice', '401.3'],
      ['/admin', 'bob', '200.0'],
      ['/admin', null, '403.7'],
      ['/Admin/Secret.html', null, '403.7'],
      ['/admin/', null, '403.7'],
      ['/administrator', null, '200.0'],
      ['/admin/public/index.html', null, '200.0'],
      ['/ADMIN/Public', null, '200.0'],
      ['/admin/publication', null, '403.7'],
      ['/admin/reports/x', null, '403.7'],
      ['/admin/reports/x', 'alice', '401.3'],
      ['/admin/reports/x', 'bob', '200.0'],
      ['/admin/public/../x', null, '403.7'],
      ['/public/../admin', null, '403.7'],
      ['/%61dmin/x', null, '403.7'],
      ['//admin//x', null, '403.7'],
      ['/admin?x=1', null, '403.7'],
      ['/admin/./x', null, '403.7'],
      ['\\admin\\x', null, '403.7'],
    ] as const)('%s as %s: %s', (path, cert, expected) => {
      expect(statusOf(run(site(), cert, { path }))).toBe(expected);
    });
    it('a folder inherits what it does not set from its parent folder, then the site', () => {
      const effective = engineFor(pki, site()).site('site-1')!.effectiveSecurity;
      expect(effective('/admin/reports/q')).toEqual(securityOf({ clientCertificates: 'require', anonymous: false, revocation: 'off' }));
      expect(effective('/ADMIN/PUBLIC')).toEqual(securityOf({ clientCertificates: 'ignore', anonymous: true }));
      expect(effective('/elsewhere')).toEqual(securityOf({ clientCertificates: 'accept', anonymous: true }));
    });
    it('a folder without authorization rules uses its nearest parent\'s (here /admin\'s)', () => {
      const decision = run(site(), 'alice', { path: '/admin/reports' });
      expect(decision.trace.find((s) => s.step === 'authorization')?.detail).toContain('rules of folder /admin');
    });
    it('a plain HTTP request is let in only where TLS is not required', () => {
      expect(statusOf(run(site(), null, { tls: false, path: '/plain/x' }))).toBe('200.0');
      expect(statusOf(run(site(), null, { tls: false, path: '/plainly' }))).toBe('403.4');
    });
  });
});
