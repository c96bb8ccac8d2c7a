import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/models/decision';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { openNodeServices } from '../../../main/node/open-node-services';
import { createHandlers } from '../../../main/services/handlers';
import { makeTempDir } from '../../helpers/temp-dir';
import type { Issued } from '../../unit/codec/openssl-pki';
import { createDecisionPki, type DecisionPki } from '../../unit/decision/decision-pki';

// One services instance over a real data folder, as the console keeps it open: what-if runs on the
// engine it caches per document version, whose trust contexts keep each verdict while it cannot
// change (services/trust/verdict-cache.ts). A later time, or a CRL imported into the store, must
// give the new verdict at once, never the one kept.

const DAY = 86_400_000;

describe('what-if after a kept verdict', () => {
  const work = makeTempDir('whatif-cache-pki-');
  const data = makeTempDir('whatif-cache-data-');
  let pki: DecisionPki;
  let dispatch: Dispatch;
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  const call = async (channel: string, payload: unknown) => {
    const result = await dispatch(channel, payload, { transport: 'cli' });
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const whatIf = async (cert: Issued, options: { path?: string; at?: Date } = {}) => {
    const decision = (await call('whatif.run', {
      site: 'Intranet',
      certificateBase64: base64(cert.der),
      chainBase64: [base64(pki.intermediate.der)],
      path: options.path ?? '/',
      ...(options.at ? { at: options.at.toISOString() } : {}),
    })) as Decision;
    return { code: `${decision.status}.${decision.substatus}`, decision };
  };
  const details = (decision: Decision, step: string) => decision.trace.filter((s) => s.step === step).map((s) => s.detail);

  beforeAll(async () => {
    pki = createDecisionPki(work.path);
    dispatch = createDispatcher(createHandlers(openNodeServices(data.path)));
    const files = [pki.root, pki.intermediate].map((c) => ({ name: `${c.name}.cer`, contentBase64: base64(c.der) }));
    await call('certificates.import', { files });
    await call('sites.add', { name: 'Intranet', bindings: [{ protocol: 'http', address: '127.0.0.1', port: 8080, host: null, certificateSha256: null }], content: { kind: 'static', directory: work.path } });
    await call('sites.setTrust', { site: 'Intranet', add: [pki.root.sha256], remove: [] });
    // The site root uses the CRLs there are; /strict wants a current CRL for every certificate.
    await call('sites.setSecurity', { site: 'Intranet', security: { revocation: 'cached' } });
    await call('sites.setSecurity', { site: 'Intranet', path: '/strict', security: { revocation: 'strict' } });
    await call('accounts.upsert', { name: 'alice', groups: ['Staff'], description: '' });
    await call('mappings.manyToOne.add', { site: 'Intranet', name: 'Staff', permission: 'allow', account: 'alice', rules: [{ field: 'subject.OU', pattern: 'Staff', caseSensitive: true }] });
  });
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('a time after the certificate expired is 403.17 right after a 200, and a time before it was issued too', async () => {
    const now = new Date();
    expect((await whatIf(pki.alice, { at: now })).code).toBe('200.0');
    const expired = await whatIf(pki.alice, { at: new Date(now.getTime() + 400 * DAY) });
    expect(expired.code).toBe('403.17');
    expect(details(expired.decision, 'validity').join('\n')).toMatch(/expired on .*validation time/);
    expect((await whatIf(pki.alice, { at: new Date(now.getTime() - DAY) })).code).toBe('403.17');
    expect((await whatIf(pki.alice, { at: now })).code).toBe('200.0');
  });

  it('a CRL imported into the store makes the next what-if of the revoked certificate 403.13', async () => {
    const before = await whatIf(pki.revoked);
    expect(before.code).toBe('200.0');
    expect(details(before.decision, 'revocation').join('\n')).toContain('no CRL of "CN=Decision Issuing CA');
    const results = (await call('certificates.import', { files: pki.crls.map((der, i) => ({ name: `crl-${i}.crl`, contentBase64: base64(der) })) })) as { results: { ok: boolean }[] };
    expect(results.results.every((r) => r.ok)).toBe(true);
    const after = await whatIf(pki.revoked);
    expect(after.code).toBe('403.13');
    expect(details(after.decision, 'revocation')[0]).toMatch(/CRL of "CN=Decision Issuing CA.*Revoked Person.*: listed as revoked$/);
    expect((await whatIf(pki.alice)).code).toBe('200.0');
  });

  it('in strict mode a time past the CRLs\' next update is 403.13 right after a 200', async () => {
    // Runs after the CRLs (30 days, decision-pki.ts) were imported above.
    const now = new Date();
    expect((await whatIf(pki.alice, { path: '/strict', at: now })).code).toBe('200.0');
    const stale = await whatIf(pki.alice, { path: '/strict', at: new Date(now.getTime() + 40 * DAY) });
    expect(stale.code).toBe('403.13');
    expect(details(stale.decision, 'revocation').at(-1)).toMatch(/revocation.*unknown.*expired on/i);
    expect((await whatIf(pki.alice, { path: '/strict', at: now })).code).toBe('200.0');
  });
});
