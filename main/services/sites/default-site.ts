import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Services } from '../create-services';
import { createDevelopmentCertificate } from './development-certificate';
import { ensureLocalAuthority } from '../authority/first-start-authority';

export const DEFAULT_SITE_NAME = 'Default Web Site';
export const DEFAULT_SITE_BINDING = { protocol: 'https' as const, address: '127.0.0.1', port: 8443, host: null, certificateSha256: null };

const WELCOME_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>CertMapper: Default Web Site</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Default Web Site</h1><p>Your client certificate was accepted and mapped to an account by CertMapper.</p>
<p>Replace this page, or point the site at an upstream application, in the CertMapper console.</p></body></html>\n`;

/**
 * First start only (architecture.md): "Default Web Site" on https://127.0.0.1:8443 with a generated
 * development certificate and a welcome page, so a new user can map a certificate and try it at once.
 * Returns a notice saying what was created, or null when the data folder already had its first start.
 */
export async function ensureDefaultSite(services: Services): Promise<string | null> {
  if (services.sites.firstStartDone()) return null;
  const now = services.clock.now();
  const file = await createDevelopmentCertificate(now, hostname());
  const [result] = services.certificates.import({
    files: [{ name: 'development certificate', contentBase64: Buffer.from(file).toString('base64') }],
    store: 'server',
  });
  const certificate = result?.certificates[0];
  if (!result?.ok || !certificate) throw new Error(`The development certificate did not import: ${result?.error?.message}`);
  const wwwroot = join(services.dataDir, 'wwwroot');
  mkdirSync(wwwroot, { recursive: true });
  if (!existsSync(join(wwwroot, 'index.html'))) writeFileSync(join(wwwroot, 'index.html'), WELCOME_PAGE);
  services.sites.add({
    name: DEFAULT_SITE_NAME,
    bindings: [DEFAULT_SITE_BINDING],
    serverCertificateSha256: certificate.sha256,
    content: { kind: 'static', directory: wwwroot },
  });
  const authorityNotice = await ensureLocalAuthority(services.authority, DEFAULT_SITE_NAME);
  services.sites.markFirstStartDone();
  const siteNotice = `First start: created "${DEFAULT_SITE_NAME}" on https://127.0.0.1:8443 serving ${wwwroot}, with a development server certificate (SHA-256 ${certificate.sha256}, self-signed, valid one year). It requires a client certificate: trust its issuer (certmapper site trust) and map it (certmapper map add) to log on.`;
  return authorityNotice ? `${siteNotice}\n${authorityNotice}` : siteNotice;
}
