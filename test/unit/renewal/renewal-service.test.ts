import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import type { Services } from '../../../main/services/create-services';
import { toPem } from '../../../main/services/certificates/codec';
import { memoryServices } from '../../helpers/memory-services';

// The renewal service over the in-memory ports with real keys and a real local authority: what the
// wizard prefills, and that a renewal that cannot complete leaves no request or key behind.

/** A server certificate with its key in the store, made the way the Key Manager makes one. */
async function serverCertificate(services: Services, subject: string, sans: { type: 'dns' | 'ip'; value: string }[]): Promise<string> {
  const { request } = await services.keys.createRequest({ name: subject, subject, subjectAltNames: sans, template: 'server' });
  const signed = await services.authority.signRequest({ request: Buffer.from(request.pem), profile: 'server' });
  const reply = [signed.der, ...signed.chain].map((der) => toPem(der)).join('');
  return services.keys.install({ contentBase64: Buffer.from(reply).toString('base64'), requestId: request.id }).certificate.sha256;
}

async function refusal(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('renewal service', () => {
  let services: Services;
  let sha256: string;

  beforeEach(async () => {
    services = memoryServices();
    await services.authority.init({ crlUrl: 'http://127.0.0.1:18081/crl/renewal.crl' });
    sha256 = await serverCertificate(services, 'CN=shop.example, O=Example', [{ type: 'dns', value: 'shop.example' }, { type: 'ip', value: '127.0.0.1' }]);
    services.sites.add({ name: 'Shop', bindings: [{ protocol: 'https', address: '127.0.0.1', port: 9443, host: null, certificateSha256: null }], serverCertificateSha256: sha256, content: { kind: 'static', directory: '/srv' } });
  });

  it('prefills subject, SANs and key algorithm from the certificate, and lists the bindings that present it', () => {
    const plan = services.renewal.plan(sha256);
    expect(plan).toMatchObject({ subject: 'CN=shop.example, O=Example', profile: 'server', algorithm: 'ec-p256', sameKeyUnavailable: null, localAuthorityUnavailable: null, issuedByLocalAuthority: true, pendingRequest: null });
    expect(plan.subjectAltNames).toEqual([{ type: 'dns', value: 'shop.example' }, { type: 'ip', value: '127.0.0.1' }]);
    expect(plan.bindings.map((b) => [b.siteName, b.port])).toEqual([['Shop', 9443]]);
  });

  it('a renewal the authority refuses leaves no pending request and no new key', async () => {
    const keysBefore = services.keys.list();
    // Without its SANs a server certificate cannot be issued (clients match host names against SANs only).
    const error = await refusal(() => services.renewal.renew({ sha256, via: 'local', subject: 'CN=Shop Server', subjectAltNames: [] }));
    expect(error.message).toMatch(/needs a subject alternative name/);
    expect(services.keys.list()).toEqual(keysBefore);
    expect(services.sites.get('Shop').serverCertificateSha256).toBe(sha256);
  });

  it('a request for another authority waits, marked with what it renews, and shows in the plan', async () => {
    const result = await services.renewal.renew({ sha256, via: 'request' });
    expect(result.stage).toBe('pending');
    expect(services.renewal.plan(sha256).pendingRequest?.id).toBe(result.stage === 'pending' ? result.request.id : '');
  });

  it('moves a binding once: a second rebind of it is refused, since it no longer presents the old certificate', async () => {
    const renewed = await services.renewal.renew({ sha256, via: 'local' });
    if (renewed.stage !== 'installed') throw new Error('expected an installed renewal');
    const [binding] = services.renewal.plan(sha256).bindings;
    const ref = { siteId: binding!.siteId, protocol: binding!.protocol, address: binding!.address, port: binding!.port, host: binding!.host };
    services.renewal.rebind({ from: sha256, to: renewed.certificate.sha256, bindings: [ref] });
    const again = await refusal(async () => services.renewal.rebind({ from: sha256, to: renewed.certificate.sha256, bindings: [ref] }));
    expect([again.code, again.message]).toEqual(['CONFLICT', expect.stringMatching(/no longer presents the certificate being renewed/)]);
    expect(services.sites.get('Shop').serverCertificateSha256).toBe(renewed.certificate.sha256);
  });
});
