import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { DEFAULT_SECURITY, type Site } from '../../../shared/models/site';
import { openNodeServices } from '../../../main/node/open-node-services';
import { ensureDefaultSite } from '../../../main/services/sites/default-site';
import { SiteService } from '../../../main/services/sites/site-service';
import { nodeRequest } from '../../helpers/gateway/clients';
import { GatewayFixture, makeSite } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';
import { makeTempDir } from '../../helpers/temp-dir';

/** The DomainError a call throws (fails the test when it throws nothing, or something else). */
function refusal(call: () => unknown): DomainError {
  try {
    call();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, the call succeeded');
}

describe('removing a folder of a site (a real data folder)', () => {
  const data = makeTempDir('certmapper-remove-folder-');
  const SITE = 'Default Web Site';
  let before: Site;

  beforeAll(async () => {
    const services = openNodeServices(data.path);
    await ensureDefaultSite(services);
    services.sites.setSecurity(SITE, undefined, { revocation: 'cached' });
    services.sites.setSecurity(SITE, '/admin', { clientCertificates: 'require', anonymous: false });
    services.sites.addAuthorization(SITE, '/admin', { access: 'allow', kind: 'group', name: 'admins' });
    services.sites.setSecurity(SITE, '/admin/reports', { revocation: 'off' });
    services.sites.setSecurity(SITE, '/public', { clientCertificates: 'ignore', anonymous: true });
    before = services.sites.get(SITE);
  });
  afterAll(() => data.cleanup());

  it('removes the folder with its settings and authorization rules, and leaves the site and its other folders as they were', () => {
    // As the folder was added ("/admin"), asked for in another case and with a trailing slash.
    const returned = openNodeServices(data.path).sites.removeFolder(SITE, '/ADMIN/');
    // Read back from disk by a new process's worth of services, as the gateway's next snapshot would.
    const after = openNodeServices(data.path).sites.get(SITE);
    expect(returned).toEqual(after);
    expect(after.folders.map((f) => f.path)).toEqual(['/admin/reports', '/public']);
    expect(JSON.stringify(after)).not.toContain('admins');
    // A folder below it is a folder of its own: it stays, exactly as it was.
    expect(after.folders).toEqual(before.folders.filter((f) => f.path !== '/admin'));
    const { folders: _after, ...siteAfter } = after;
    const { folders: _before, ...siteBefore } = before;
    expect(siteAfter).toEqual(siteBefore);
  });

  it('refuses a folder the site does not have (NOT_FOUND), a site that does not exist (NOT_FOUND) and "/" (INVALID_INPUT), writing nothing', () => {
    const sites = openNodeServices(data.path).sites;
    const config = () => readFileSync(join(data.path, 'config.json'), 'utf8');
    const written = config();

    const noFolder = refusal(() => sites.removeFolder(SITE, '/admin'));
    expect([noFolder.code, noFolder.message]).toEqual(['NOT_FOUND', `Site "${SITE}" has no folder /admin`]);
    const noSite = refusal(() => sites.removeFolder('No Such Site', '/public'));
    expect([noSite.code, noSite.message]).toEqual(['NOT_FOUND', 'No site named "No Such Site"']);
    for (const root of ['/', '//']) {
      const siteItself = refusal(() => sites.removeFolder(SITE, root));
      expect(siteItself.code).toBe('INVALID_INPUT');
      expect(siteItself.message).toContain('the site itself');
    }
    expect(config()).toBe(written);
    expect(sites.get(SITE).folders.map((f) => f.path)).toEqual(['/admin/reports', '/public']);
  });
});

describe('a running gateway after a folder is removed', () => {
  const work = makeTempDir('gateway-remove-folder-');
  const fixture = new GatewayFixture();
  let pki: GatewayPki;
  let gw: TestGateway;
  let port = 0;

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    const www = join(work.path, 'www');
    mkdirSync(join(www, 'secure'), { recursive: true });
    writeFileSync(join(www, 'secure', 'page.txt'), 'behind the folder\n');
    fixture.importPki(pki);
    // An open site whose /secure folder requires a client certificate.
    fixture.putSite(
      makeSite(pki, {
        name: 'Open',
        content: { kind: 'static', directory: www },
        security: { ...DEFAULT_SECURITY, clientCertificates: 'ignore', anonymous: true },
        folders: [{ path: '/secure', security: { clientCertificates: 'require' }, authorization: [] }],
      }),
    );
    gw = await startTestGateway(fixture);
    port = gw.port('Open');
  });
  afterAll(async () => {
    await gw?.stop();
    work.cleanup();
  });

  it('no longer applies the folder\'s override: a request without a certificate is answered as the site answers it', async () => {
    const guarded = await nodeRequest(pki, { port, path: '/secure/page.txt' });
    expect([guarded.status, guarded.headers['x-certmapper-status']]).toEqual([403, '403.7']);

    // The service the console and the CLI call, on the configuration the gateway's snapshots are compiled from.
    new SiteService(fixture.configStore, fixture.certificates).removeFolder('Open', '/secure');
    await gw.apply();

    const open = await nodeRequest(pki, { port, path: '/secure/page.txt' });
    expect([open.status, open.body]).toEqual([200, 'behind the folder\n']);
    expect(gw.errors).toEqual([]);
  });
});
