import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { contract } from '../../../shared/ipc';
import { createServices, type Services } from '../../../main/services/create-services';
import { emptyAuthorityDocument } from '../../../main/services/authority/authority-document';
import { emptyCertificateDocument, type CertificateDocument } from '../../../main/services/certificates/certificate-document';
import { toPem } from '../../../main/services/certificates/codec';
import { emptyConfigDocument } from '../../../main/services/sites/config-document';
import { MemoryConfigStore } from '../../../main/storage/memory-config-store';
import { MemoryVault } from '../../../main/storage/memory-vault';

// The link a renewal leaves on the old certificate ("renewed by Y on DATE", certificates.json) with
// real keys and a real local authority: recorded by the install, offered for finishing until the
// rebind step ran (or was told to move nothing), and ignored when it does not validate or when the
// new certificate is gone.

const CLOCK = { now: () => new Date('2026-12-03T08:10:00.000Z') };

describe('the renewal link on the old certificate', () => {
  let certificateStore: MemoryConfigStore<CertificateDocument>;
  let services: Services;
  let old: string;

  const listed = (sha256: string) => services.certificates.listWithStatus().find((c) => c.sha256 === sha256)!;
  const signAndInstall = async (pem: string, requestId: string) => {
    const signed = await services.authority.signRequest({ request: Buffer.from(pem), profile: 'server' });
    const reply = [signed.der, ...signed.chain].map((der) => toPem(der)).join('');
    return services.keys.install({ contentBase64: Buffer.from(reply).toString('base64'), requestId }).certificate.sha256;
  };
  const renewLocally = async () => {
    const result = await services.renewal.renew({ sha256: old, via: 'local' });
    if (result.stage !== 'installed') throw new Error('expected an installed renewal');
    return result.certificate.sha256;
  };
  const leaveBindings = (to: string) => services.renewal.rebind({ from: old, to, bindings: [], moveMappings: false });

  beforeEach(async () => {
    certificateStore = new MemoryConfigStore('certificates', emptyCertificateDocument());
    services = createServices({
      dataDir: 'memory',
      version: '0.0.0-test',
      certificateStore,
      configStore: new MemoryConfigStore('config', emptyConfigDocument()),
      authorityStore: new MemoryConfigStore('authority', emptyAuthorityDocument()),
      vault: new MemoryVault(),
      clock: CLOCK,
      notices: [],
    });
    await services.authority.init({ crlUrl: 'http://127.0.0.1:18081/crl/renewal.crl' });
    const { request } = await services.keys.createRequest({ name: 'shop', subject: 'CN=shop.example', subjectAltNames: [{ type: 'dns', value: 'shop.example' }], template: 'server' });
    old = await signAndInstall(request.pem, request.id);
    services.sites.add({ name: 'Shop', bindings: [{ protocol: 'https', address: '127.0.0.1', port: 9443, host: null, certificateSha256: null }], serverCertificateSha256: old, content: { kind: 'static', directory: '/srv' } });
  });

  it('is recorded when the local authority installs the new certificate, and the plan resumes at it until the bindings move', async () => {
    expect(listed(old).renewal).toBeNull();
    const renewed = await renewLocally();

    expect(listed(old).renewal).toEqual({ renewedBy: renewed, at: '2026-12-03T08:10:00.000Z', finishedAt: null });
    expect(listed(renewed).renewal).toBeNull();
    const plan = services.renewal.plan(old);
    expect(plan.renewedBy).toMatchObject({ certificate: { sha256: renewed }, at: '2026-12-03T08:10:00.000Z', finishedAt: null });
    expect(plan.bindings.map((b) => b.port)).toEqual([9443]);

    const [binding] = plan.bindings;
    services.renewal.rebind({ from: old, to: renewed, bindings: [{ siteId: binding!.siteId, protocol: 'https', address: '127.0.0.1', port: 9443, host: null }] });
    expect(services.sites.get('Shop').serverCertificateSha256).toBe(renewed);
    expect(listed(old).renewal?.finishedAt).toBe('2026-12-03T08:10:00.000Z');
    expect(services.bindings.list().map((row) => row.certificate)).toEqual([expect.objectContaining({ sha256: renewed, renewal: null })]);
  });

  it('is recorded when the reply to a request for another authority is installed', async () => {
    const pending = await services.renewal.renew({ sha256: old, via: 'request' });
    if (pending.stage !== 'pending') throw new Error('expected a pending request');
    expect(listed(old).renewal).toBeNull();
    const renewed = await signAndInstall(pending.request.pem, pending.request.id);
    expect(listed(old).renewal).toEqual({ renewedBy: renewed, at: '2026-12-03T08:10:00.000Z', finishedAt: null });
  });

  it('refuses a second renewal while the first is unfinished, naming how to finish it; leaving the bindings finishes it', async () => {
    const renewed = await renewLocally();
    const refused = await services.renewal.renew({ sha256: old, via: 'local' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect([(refused as DomainError).code, (refused as DomainError).message]).toEqual(['CONFLICT', expect.stringMatching(/already renewed on 2026-12-03 .* not finished.*cert renew [0-9a-f]{64} --finish/)]);

    const result = leaveBindings(renewed);
    expect(result.rebound).toEqual([]);
    expect(result.remaining.map((b) => b.port)).toEqual([9443]);
    expect(services.sites.get('Shop').serverCertificateSha256).toBe(old);
    expect(services.renewal.plan(old).renewedBy?.finishedAt).toBe('2026-12-03T08:10:00.000Z');
    expect((await services.renewal.renew({ sha256: old, via: 'local' })).stage).toBe('installed');
  });

  it('is shown on the bindings that still present the old certificate, with the new one\'s expiry, also once finished without moving them', async () => {
    // As the console and `binding list` receive it: through the channel's own schema.
    const bound = () => contract['bindings.list'].output.parse({ items: services.bindings.list() }).items.map((row) => row.certificate);
    const renewed = await renewLocally();
    const expires = services.certificates.get(renewed).notAfter;
    expect(bound()).toEqual([
      expect.objectContaining({ sha256: old, renewal: { renewedBy: renewed, at: '2026-12-03T08:10:00.000Z', finishedAt: null, successor: { sha256: renewed, displayName: 'shop.example', notAfter: expires } } }),
    ]);

    leaveBindings(renewed);
    expect(bound()).toEqual([expect.objectContaining({ sha256: old, renewal: expect.objectContaining({ renewedBy: renewed, finishedAt: '2026-12-03T08:10:00.000Z' }) })]);
  });

  it('names what replaces the old certificate today when its renewal was renewed again (A by B, then B by C)', async () => {
    const bound = () => contract['bindings.list'].output.parse({ items: services.bindings.list() }).items.map((row) => row.certificate?.renewal);
    const b = await renewLocally();
    leaveBindings(b);
    const second = await services.renewal.renew({ sha256: b, via: 'local' });
    if (second.stage !== 'installed') throw new Error('expected an installed renewal');
    const c = second.certificate.sha256;
    services.renewal.rebind({ from: b, to: c, bindings: [], moveMappings: false });
    expect(bound()).toEqual([expect.objectContaining({ renewedBy: b, successor: { sha256: c, displayName: 'shop.example', notAfter: services.certificates.get(c).notAfter } })]);
  });

  it('is finished only by the rebind to the certificate that renewal installed', async () => {
    const renewed = await renewLocally();
    const { request } = await services.keys.createRequest({ name: 'other', subject: 'CN=other.example', subjectAltNames: [{ type: 'dns', value: 'other.example' }], template: 'server' });
    const other = await signAndInstall(request.pem, request.id);
    leaveBindings(other);
    expect(listed(old).renewal).toEqual({ renewedBy: renewed, at: '2026-12-03T08:10:00.000Z', finishedAt: null });
  });

  it('is ignored when it does not validate (a hand-edited file) or when the new certificate was deleted', async () => {
    const renewed = await renewLocally();
    const document = certificateStore.read();
    const edit = (renewal: unknown) => certificateStore.write({ ...document, certificates: { ...document.certificates, [old]: { ...document.certificates[old]!, renewal } } });
    for (const renewal of [{ renewedBy: renewed, at: 'yesterday', finishedAt: null }, { renewedBy: 'not-a-fingerprint', at: '2026-12-03T08:10:00.000Z', finishedAt: null }, 'renewed']) {
      edit(renewal);
      expect(listed(old).renewal).toBeNull();
      expect(services.renewal.plan(old).renewedBy).toBeNull();
    }
    edit({ renewedBy: renewed, at: '2026-12-03T08:10:00.000Z', finishedAt: null });
    expect(listed(old).renewal?.renewedBy).toBe(renewed);
    services.certificates.delete(renewed);
    expect(listed(old).renewal).toBeNull();
    expect(services.renewal.plan(old).renewedBy).toBeNull();
  });
});
