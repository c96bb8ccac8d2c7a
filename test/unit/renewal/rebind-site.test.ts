import { describe, expect, it } from 'vitest';
import { newSite, type Binding, type Site } from '../../../shared/models/site';
import { rebindSite } from '../../../main/services/renewal/rebind-site';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const OTHER = 'c'.repeat(64);
const https = (port: number, certificateSha256: string | null = null): Binding => ({ protocol: 'https', address: '127.0.0.1', port, host: null, certificateSha256 });

function site(serverCertificateSha256: string | null, bindings: Binding[]): Site {
  return newSite({ id: 's1', name: 'Shop', bindings, serverCertificateSha256, content: { kind: 'static', directory: '/srv' } });
}

describe('moving bindings to a renewed certificate', () => {
  it('changes the site certificate when every binding that inherits it is chosen, and a binding with its own copy', () => {
    const moved = rebindSite(site(OLD, [https(1), https(2), https(3, OLD)]), OLD, NEW, [https(1), https(2), https(3)]);
    expect(moved.serverCertificateSha256).toBe(NEW);
    expect(moved.bindings.map((b) => b.certificateSha256)).toEqual([null, null, NEW]);
  });

  it('gives only the chosen inheriting bindings the new certificate as their own when another stays behind', () => {
    const moved = rebindSite(site(OLD, [https(1), https(2)]), OLD, NEW, [https(2)]);
    expect(moved.serverCertificateSha256).toBe(OLD);
    expect(moved.bindings.map((b) => b.certificateSha256)).toEqual([null, NEW]);
  });

  it('leaves bindings of other certificates, plain http and unchosen ones alone', () => {
    const http: Binding = { protocol: 'http', address: '*', port: 80, host: null, certificateSha256: null };
    const moved = rebindSite(site(OTHER, [https(1, OLD), https(2, OLD), https(3), http]), OLD, NEW, [https(1), https(3)]);
    expect(moved.serverCertificateSha256).toBe(OTHER);
    expect(moved.bindings.map((b) => b.certificateSha256)).toEqual([NEW, OLD, null, null]);
  });
});
