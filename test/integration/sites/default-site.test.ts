import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNodeServices } from '../../../main/node/open-node-services';
import { ensureDefaultSite } from '../../../main/services/sites/default-site';
import { makeTempDir } from '../../helpers/temp-dir';

describe('first start', () => {
  const data = makeTempDir();
  afterEach(() => data.cleanup());

  it('creates the Default Web Site on https://127.0.0.1:8443 with a development certificate, once', async () => {
    const services = openNodeServices(data.path);
    const notice = await ensureDefaultSite(services);
    expect(notice).toContain('Default Web Site');
    const site = services.sites.get('default web site');
    expect(site.bindings).toEqual([{ protocol: 'https', address: '127.0.0.1', port: 8443, host: null, certificateSha256: null }]);
    expect(site.security).toMatchObject({ requireTls: true, clientCertificates: 'require', anonymous: false });
    const certificate = services.certificates.get(site.serverCertificateSha256!);
    expect(certificate).toMatchObject({ store: 'server', hasPrivateKey: true });
    const x509 = new X509Certificate(certificate.pem);
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(existsSync(join(data.path, 'wwwroot', 'index.html'))).toBe(true);

    // A second start, and a start after the administrator deleted the site, create nothing.
    expect(await ensureDefaultSite(openNodeServices(data.path))).toBeNull();
    services.sites.remove('Default Web Site');
    expect(await ensureDefaultSite(openNodeServices(data.path))).toBeNull();
    expect(openNodeServices(data.path).sites.list()).toEqual([]);
  });
});
