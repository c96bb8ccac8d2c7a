import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../../shared/models/site';
import { ConnectionState } from '../../../main/decision/connection-state';
import { prepareSnapshot } from '../../../main/decision/prepare-snapshot';
import type { ChainVerifier } from '../../../main/decision/chain-verifier';
import { makeTempDir } from '../../helpers/temp-dir';
import { createDecisionPki, type DecisionPki } from './decision-pki';
import {
  ACCOUNTS, allowRule, decideOnce, engineFor, folderOf, manyToOne, mappedSite, oneToOne, presentedOf, rule, securityOf, snapshotOf, statusOf, testVerifier,
} from './decision-fixture';

// architecture.md "The decision for one request" steps 1-5 and every status of mapping-spec section 6
// (authorization and folders: folders-authorization.test.ts).

const DAY = 86_400_000;
type Cert = Exclude<keyof DecisionPki, 'crls'>;

describe('decide', () => {
  const work = makeTempDir('decision-decide-');
  let pki: DecisionPki;
  let at: Date;
  beforeAll(() => {
    pki = createDecisionPki(work.path);
    at = new Date(); // after issuing: notBefore is the moment of signing
  });
  afterAll(() => work.cleanup());

  const mapped = (overrides: Partial<Site> = {}) => mappedSite(pki, overrides);
  const run = (site: Site, cert: Cert | null, request: { tls?: boolean; path?: string; at?: Date } = {}, extra: Parameters<typeof engineFor>[3] = {}) =>
    decideOnce(pki, site, cert ? pki[cert] : null, { ...request, at: request.at ?? at }, extra);
  const failed = (d: ReturnType<typeof run>) => d.trace.find((s) => s.result === 'fail');
  const code = (d: ReturnType<typeof run>) => failed(d)?.detail.split(':')[0];

  describe('every status of mapping-spec section 6', () => {
    it('403.4: TLS required, plain HTTP', () => {
      const d = run(mapped(), null, { tls: false });
      expect([statusOf(d), d.failedStep, failed(d)?.step]).toEqual(['403.4', 'tls', 'tls']);
    });
    it('403.7: certificate required, none presented', () => {
      const d = run(mapped(), null);
      expect([statusOf(d), d.failedStep]).toEqual(['403.7', 'client-certificate']);
    });
    it('403.16: chain to a root the site does not trust', () => {
      const d = run(mapped(), 'stranger');
      expect([statusOf(d), d.failedStep, code(d)]).toEqual(['403.16', 'trust', 'untrusted']);
    });
    it('403.16: no clientAuth extended key usage', () => {
      const d = run(mapped(), 'serverOnly');
      expect([statusOf(d), d.failedStep, code(d)]).toEqual(['403.16', 'trust', 'wrong-usage']);
    });
    it('403.16: a site that trusts no issuer', () => {
      expect(statusOf(run(mapped({ trustedIssuers: [] }), 'alice'))).toBe('403.16');
    });
    it('403.17: expired', () => {
      const d = run(mapped(), 'alice', { at: new Date(at.getTime() + 800 * DAY) });
      expect([statusOf(d), d.failedStep, code(d)]).toEqual(['403.17', 'validity', 'expired']);
    });
    it('403.17: not yet valid', () => {
      const d = run(mapped(), 'alice', { at: new Date(at.getTime() - DAY) });
      expect([statusOf(d), d.failedStep, code(d)]).toEqual(['403.17', 'validity', 'not-yet-valid']);
    });
    it('403.13: revoked', () => {
      const d = run(mapped(), 'revoked');
      expect([statusOf(d), d.failedStep, code(d)]).toEqual(['403.13', 'revocation', 'revoked']);
    });
    it('403.13: revocation unknown in strict mode; allowed in cached mode; not checked when off', () => {
      const noCrl = { crls: [] };
      const strict = run(mapped(), 'alice', {}, noCrl);
      expect([statusOf(strict), strict.failedStep, code(strict)]).toEqual(['403.13', 'revocation', 'revocation-unknown']);
      expect(statusOf(run(mapped({ security: securityOf({ revocation: 'cached' }) }), 'alice', {}, noCrl))).toBe('200.0');
      expect(statusOf(run(mapped({ security: securityOf({ revocation: 'off' }) }), 'revoked'))).toBe('200.0');
    });
    it('403.12: a deny mapping', () => {
      const d = run(mapped({ manyToOne: [manyToOne('No admins', [rule('subject.OU', 'Admins')], { permission: 'deny', account: null })] }), 'bob');
      expect([statusOf(d), d.failedStep, d.decidedBy]).toEqual(['403.12', 'mapping', 'many-to-one "No admins"']);
    });
    it('401.2: nothing matched and anonymous off', () => {
      const d = run(mapped(), 'forger');
      expect([statusOf(d), d.failedStep, d.account]).toEqual(['401.2', 'mapping', null]);
    });
    it('401.3: mapped but not authorized', () => {
      const d = run(mapped({ authorization: [allowRule('group', 'Admins')] }), 'alice');
      expect([statusOf(d), d.failedStep, d.account]).toEqual(['401.3', 'authorization', 'alice']);
    });
    it('200.0: mapped and authorized, with the trace naming every check', () => {
      const d = run(mapped(), 'alice');
      expect([statusOf(d), d.account, d.decidedBy, d.failedStep]).toEqual(['200.0', 'alice', 'many-to-one "Staff"', null]);
      expect(d.trace.map((s) => `${s.step}:${s.result}`)).toEqual([
        'folder:info', 'tls:pass', 'client-certificate:pass', 'trust:pass', 'validity:pass', 'revocation:pass', 'mapping:pass', 'authorization:pass',
      ]);
    });
  });

  describe('client certificates: ignore / accept / require', () => {
    it('accept without a certificate goes on as anonymous when anonymous is on', () => {
      const d = run(mapped({ security: securityOf({ clientCertificates: 'accept', anonymous: true }) }), null);
      expect([statusOf(d), d.account, d.decidedBy]).toEqual(['200.0', null, 'anonymous']);
    });
    it('accept without a certificate and anonymous off: 401.2', () => {
      expect(statusOf(run(mapped({ security: securityOf({ clientCertificates: 'accept' }) }), null))).toBe('401.2');
    });
    it('accept with a certificate maps it', () => {
      expect(run(mapped({ security: securityOf({ clientCertificates: 'accept' }) }), 'alice').account).toBe('alice');
    });
    it('accept with an untrusted certificate is still refused 403.16', () => {
      expect(statusOf(run(mapped({ security: securityOf({ clientCertificates: 'accept', anonymous: true }) }), 'stranger'))).toBe('403.16');
    });
    it('ignore does not use the certificate at all: no trust check, no mapping', () => {
      const site = mapped({ security: securityOf({ clientCertificates: 'ignore', anonymous: true }) });
      for (const cert of ['alice', 'stranger'] as const) {
        const d = run(site, cert);
        expect([statusOf(d), d.account, d.decidedBy]).toEqual(['200.0', null, 'anonymous']);
        expect(d.trace.filter((s) => s.step === 'trust' || s.step === 'mapping').map((s) => s.result)).toEqual(['skip', 'skip']);
      }
      expect(statusOf(run(mapped({ security: securityOf({ clientCertificates: 'ignore' }) }), 'alice'))).toBe('401.2');
    });
    it('mapping off for the folder: the certificate is checked but logs no one on', () => {
      expect(statusOf(run(mapped({ security: securityOf({ mapping: false }) }), 'alice'))).toBe('401.2');
      expect(run(mapped({ security: securityOf({ mapping: false, anonymous: true }) }), 'alice').decidedBy).toBe('anonymous');
      expect(statusOf(run(mapped({ security: securityOf({ mapping: false, anonymous: true }) }), 'stranger'))).toBe('403.16');
    });
  });

  it('directory mapping mode refuses 401.2 and says why local mappings are ignored', () => {
    const d = run(mapped({ mappingMode: 'directory', oneToOne: [oneToOne(pki.alice, 'alice')] }), 'alice');
    expect([statusOf(d), d.failedStep]).toEqual(['401.2', 'mapping']);
    expect(failed(d)?.detail).toMatch(/directory mapper.*not available yet.*local mappings are ignored.*only one mapper/);
  });

  it('forwards the deciding mapping\'s password, and none for anonymous', () => {
    const site = mapped({ security: securityOf({ clientCertificates: 'accept', anonymous: true }) });
    const passwords = { passwords: { [site.manyToOne[1]!.id]: 's3cret' } };
    expect(run(site, 'alice', {}, passwords).forwardPassword).toBe('s3cret');
    expect(run(site, 'bob', {}, passwords).forwardPassword).toBeNull();
    expect(run(site, null, {}, passwords).forwardPassword).toBeNull();
  });

  describe('per connection work', () => {
    const counting = () => {
      let calls = 0;
      const verifier: ChainVerifier = {
        compile(input) {
          const trust = testVerifier.compile(input);
          return { verify: (...args) => (calls++, trust.verify(...args)) };
        },
      };
      return { verifier, calls: () => calls };
    };
    it('parses a certificate once across connections and verifies once per revocation mode', () => {
      const count = counting();
      const site = mapped({ folders: [folderOf('/fast', { revocation: 'off' })] });
      const engine = prepareSnapshot(snapshotOf(pki, [site], ACCOUNTS), { verifier: count.verifier });
      const first = engine.identify('site-1', presentedOf(pki.alice), at);
      const second = engine.identify('site-1', presentedOf(pki.alice), at);
      expect((first.state as ConnectionState).certificate?.decoded).toBe((second.state as ConnectionState).certificate?.decoded);
      expect(first.certificate).toEqual({ sha256: pki.alice.sha256, subject: expect.stringContaining('CN=Alice Example') });
      for (const path of ['/', '/a', '/b', '/fast', '/fast/x']) expect(engine.decide(first, { tls: true, path, at }).status).toBe(200);
      expect(count.calls()).toBe(2);
    });
    it('a connection opened under an older snapshot is judged by the new one', () => {
      const before = engineFor(pki, mapped());
      const identity = before.identify('site-1', presentedOf(pki.alice), at);
      expect(before.decide(identity, { tls: true, path: '/', at }).status).toBe(200);
      const after = engineFor(pki, mapped({ manyToOneEnabled: false }));
      expect(statusOf(after.decide(identity, { tls: true, path: '/', at }))).toBe('401.2');
      expect(before.decide(identity, { tls: true, path: '/', at }).status).toBe(200);
    });
    it('an unknown site is refused', () => {
      const engine = engineFor(pki, mapped());
      expect(engine.decide(engine.identify('nope', presentedOf(pki.alice), at), { tls: true, path: '/', at }).status).toBe(404);
    });
  });
});
