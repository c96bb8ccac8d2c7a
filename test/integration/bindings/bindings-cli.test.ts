import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BindingRow } from '../../../shared/models/binding';
import { createDatedPki, daysFromNow, type DatedCertificate, type DatedPki } from '../../helpers/dated-pki';
import { freePort } from '../../helpers/gateway/test-gateway';
import { cliIn } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

// `certmapper binding ...` on a data folder, as an administrator scripts it: every conflict is refused
// with exit status 1, CONFLICT and an explanation in plain words, and nothing stored is touched.
describe('certmapper binding (all bindings in one place)', () => {
  const temp = makeTempDir('certmapper-bindings-cli-');
  const data = join(temp.path, 'data');
  let pki: DatedPki;
  let shopCert: DatedCertificate;
  let blogCert: DatedCertificate;
  let noKey: DatedCertificate;
  let shopPort = 0;
  let blogPort = 0;
  let holder: Server;
  let heldPort = 0;
  const { cli, ok } = cliIn(data);
  const refused = (...args: string[]) => {
    const run = cli(...args);
    expect(run.status, `${args.join(' ')} should be refused\n${run.stdout}`).toBe(1);
    return run.stderr;
  };
  const rows = (): BindingRow[] => JSON.parse(ok('binding', 'list', '--json')) as BindingRow[];
  const configText = () => readFileSync(join(data, 'config.json'), 'utf8');

  beforeAll(async () => {
    pki = createDatedPki(join(temp.path, 'pki'));
    shopCert = pki.issue('shop', { commonName: 'shop.test', profile: 'server', notAfter: daysFromNow(200) });
    blogCert = pki.issue('blog', { commonName: 'blog.test', profile: 'server', notAfter: daysFromNow(20) });
    noKey = pki.issue('nokey', { commonName: 'nokey.test', profile: 'server', notAfter: daysFromNow(200) });
    ok('cert', 'import', shopCert.withKeyPath, blogCert.withKeyPath, '--store', 'server');
    ok('cert', 'import', noKey.pemPath, '--store', 'server');
    [shopPort, blogPort] = [await freePort(), await freePort()];
    ok('site', 'add', 'Shop', '--bind', `https://127.0.0.1:${shopPort}`, '--server-cert', shopCert.sha256, '--content', temp.path);
    ok('site', 'add', 'Blog', '--bind', `https://127.0.0.1:${blogPort}`, '--server-cert', blogCert.sha256, '--content', temp.path);
    // Another program on a port: a real listening socket, as a web server left running would be.
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    heldPort = (holder.address() as { port: number }).port;
  });
  afterAll(async () => {
    if (holder) await new Promise((resolve) => holder.close(resolve));
    temp.cleanup();
  });

  it('lists every binding with its site and the certificate it presents (subject and expiry)', () => {
    const list = rows();
    expect(list.map((r) => [r.siteName, r.protocol, r.address, r.port, r.host])).toEqual([
      ['Blog', 'https', '127.0.0.1', blogPort, null],
      ['Shop', 'https', '127.0.0.1', shopPort, null],
    ]);
    expect(list[0]?.certificate).toMatchObject({ sha256: blogCert.sha256, subject: 'O=CertMapper Test, CN=blog.test', serial: blogCert.serial, notAfter: blogCert.notAfter.toISOString() });
    expect(list[0]?.certificate?.daysLeft).toBe(19);
    const table = ok('binding', 'list');
    expect(table).toMatch(new RegExp(`Shop\\s+https://127\\.0\\.0\\.1:${shopPort}\\s+shop\\.test \\(expires \\d{4}-\\d\\d-\\d\\d, the site's\\)`));
  });

  it('refuses the same address:port:host twice, saying which site holds it', () => {
    const before = configText();
    const stderr = refused('binding', 'add', '--site', 'Blog', '--bind', `https://127.0.0.1:${shopPort}`, '--server-cert', blogCert.sha256);
    expect(stderr).toContain('Error (CONFLICT)');
    expect(stderr).toContain(`https://127.0.0.1:${shopPort} is already bound to site "Shop": the same address, port and empty host name cannot belong to two bindings`);
    expect(configText()).toBe(before);
  });

  it('refuses a specific address against all addresses on one port, whatever the host names', () => {
    const stderr = refused('binding', 'add', '--site', 'Blog', '--bind', `https://*:${shopPort}`, '--host', 'blog.test', '--server-cert', blogCert.sha256);
    expect(stderr).toContain(`https://*:${shopPort} host blog.test clashes with https://127.0.0.1:${shopPort} of site "Shop"`);
    expect(stderr).toContain(`a binding on all addresses takes port ${shopPort} on every address, so 127.0.0.1:${shopPort} cannot be bound on its own`);
  });

  it('refuses http and https on one address:port', () => {
    const stderr = refused('binding', 'add', '--site', 'Blog', '--bind', `http://127.0.0.1:${shopPort}`);
    expect(stderr).toContain(`127.0.0.1:${shopPort} already serves https, and one address:port serves one protocol`);
  });

  it('refuses a port another program listens on (a real socket), and says so', () => {
    const before = configText();
    const stderr = refused('binding', 'add', '--site', 'Blog', '--bind', `https://127.0.0.1:${heldPort}`, '--server-cert', blogCert.sha256);
    expect(stderr).toContain(`Port ${heldPort} on 127.0.0.1 is in use by another program (not CertMapper's gateway)`);
    // The same port on all addresses overlaps the program's socket too.
    expect(refused('binding', 'add', '--site', 'Blog', '--bind', `https://*:${heldPort}`, '--server-cert', blogCert.sha256)).toContain(`Port ${heldPort} on all addresses is in use by another program`);
    expect(configText()).toBe(before);
  });

  it('refuses the port of CertMapper\'s own CRL publisher, naming it, whether or not it runs now', async () => {
    const crlPort = await freePort();
    ok('ca', 'init', '--name', 'Bindings Lab CA', '--crl-url', `http://127.0.0.1:${crlPort}/crl/lab.crl`);
    const before = configText();
    const publisher = `is where CertMapper's CRL publisher serves the local authority's CRLs (http://127.0.0.1:${crlPort}/crl/)`;
    expect(refused('binding', 'add', '--site', 'Blog', '--bind', `http://127.0.0.1:${crlPort}`)).toContain(`Port ${crlPort} on 127.0.0.1 ${publisher}`);
    expect(refused('binding', 'add', '--site', 'Blog', '--bind', `https://*:${crlPort}`, '--server-cert', blogCert.sha256)).toContain(`Port ${crlPort} on all addresses ${publisher}`);
    expect(configText()).toBe(before);
  });

  it('refuses an address that is not this computer\'s, and a certificate without its private key', () => {
    expect(refused('binding', 'add', '--site', 'Blog', '--bind', 'https://192.0.2.77:443', '--server-cert', blogCert.sha256)).toContain('192.0.2.77 is not an address of this computer');
    expect(refused('binding', 'add', '--site', 'Blog', '--bind', `https://127.0.0.1:${shopPort}`, '--host', 'x.test', '--server-cert', noKey.sha256)).toContain('has no private key in the vault');
  });

  it('adds a host name on an endpoint another site uses (SNI tells them apart)', () => {
    expect(ok('binding', 'add', '--site', 'Blog', '--bind', `https://127.0.0.1:${shopPort}`, '--host', 'blog.test', '--server-cert', blogCert.sha256)).toContain(`Added https://127.0.0.1:${shopPort} host blog.test to site Blog, presenting blog.test`);
    const added = rows().find((r) => r.siteName === 'Blog' && r.host === 'blog.test');
    expect(added).toMatchObject({ port: shopPort, ownCertificateSha256: blogCert.sha256, certificate: { sha256: blogCert.sha256 } });
  });

  it('changes the certificate of one binding only, and names a missing binding by the site\'s bindings', () => {
    expect(ok('binding', 'set', '--site', 'Blog', '--bind', `https://127.0.0.1:${shopPort}`, '--host', 'blog.test', '--server-cert', shopCert.sha256)).toContain(`now presents shop.test (serial ${shopCert.serial})`);
    const blog = rows().filter((r) => r.siteName === 'Blog');
    expect(blog.map((r) => [r.host, r.certificate?.sha256])).toEqual([
      [null, blogCert.sha256],
      ['blog.test', shopCert.sha256],
    ]);
    const missing = cli('binding', 'set', '--site', 'Blog', '--bind', 'https://127.0.0.1:1', '--server-cert', shopCert.sha256);
    expect([missing.status, missing.stderr]).toEqual([1, expect.stringContaining(`Site "Blog" has no binding https://127.0.0.1:1 (its bindings: https://127.0.0.1:${blogPort}, https://127.0.0.1:${shopPort} host blog.test)`)]);
    expect(cli('binding', 'set', '--site', 'Blog', '--bind', `https://127.0.0.1:${blogPort}`).status).toBe(2);
  });

  it('removes a binding, but not the last one of a site', () => {
    ok('binding', 'remove', '--site', 'Blog', '--bind', `https://127.0.0.1:${shopPort}`, '--host', 'blog.test');
    expect(rows().filter((r) => r.siteName === 'Blog')).toHaveLength(1);
    expect(refused('binding', 'remove', '--site', 'Shop', '--bind', `https://127.0.0.1:${shopPort}`)).toContain('is the only binding of site "Shop": a site needs one');
  });

  it('site add explains conflicts with the same words', () => {
    expect(refused('site', 'add', 'Other', '--bind', `https://*:${blogPort}`, '--server-cert', blogCert.sha256)).toContain(`a binding on all addresses takes port ${blogPort} on every address, so 127.0.0.1:${blogPort} cannot be bound on its own`);
  });

  it('answers a wrong command line with usage (exit status 2)', () => {
    expect(cli('binding', 'add', '--bind', 'https://127.0.0.1:9').status).toBe(2);
    expect(cli('binding', 'add', '--site', 'Shop', '--bind', 'ftp://127.0.0.1:9').status).toBe(2);
    expect(cli('binding', 'frobnicate').status).toBe(2);
  });
});
