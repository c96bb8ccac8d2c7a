import { afterEach, describe, expect, it } from 'vitest';
import { openNodeServices } from '../../../main/node/open-node-services';
import { ensureDefaultSite } from '../../../main/services/sites/default-site';
import { runCli } from '../../helpers/run-cli';
import { startConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';

// architecture.md: "A first start creates ... a local certificate authority". Test starts that bring
// their own sites (--no-default-site) get none unless they ask for one.

describe('the local authority at first start', () => {
  const data = makeTempDir('ca-first-start-');
  afterEach(() => data.cleanup());

  it('is created with the Default Web Site, once, on real files, and the notice says how to use it', async () => {
    const services = openNodeServices(data.path);
    const notice = await ensureDefaultSite(services);
    const info = services.authority.info();
    expect(info).not.toBeNull();
    expect(info!.root.crlUrl).toBe(`http://127.0.0.1:8081/crl/${info!.id}.crl`);
    expect(notice).toContain(`created the local certificate authority "${info!.name}"`);
    expect(notice).toContain('certmapper ca issue --account USER --out USER.pfx --password P --map-site "Default Web Site"');
    expect(services.certificates.get(info!.root.sha256).store).toBe('root');

    await ensureDefaultSite(openNodeServices(data.path));
    expect(openNodeServices(data.path).authority.info()?.id).toBe(info!.id);
  });

  it('is not created by a start without the Default Web Site', async () => {
    const serve = await startConsole({ dataDir: data.path });
    try {
      const status = runCli(['ca', 'status', '--json'], { dataDir: data.path });
      expect(JSON.parse(status.stdout)).toEqual({ authority: null });
      expect(serve.output()).not.toContain('CRL publisher');
    } finally {
      await serve.stop();
    }
  });
});
