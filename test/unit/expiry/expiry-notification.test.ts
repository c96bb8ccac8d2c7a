import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideExpiryNotification } from '../../../main/services/expiry/expiry-notification';
import type { Services } from '../../../main/services/create-services';
import { createDatedPki, daysFromNow, type DatedCertificate, type DatedPki } from '../../helpers/dated-pki';
import { memoryServices } from '../../helpers/memory-services';
import { makeTempDir } from '../../helpers/temp-dir';

const DAY_MS = 86_400_000;
// Moving the clock to just after a whole day keeps the rounded-down day counts unambiguous.
const HOUR_MS = 3_600_000;

// What the desktop app notifies about, decided from the real expiry overview of real certificates
// (openssl ca, exact dates) under a pinned clock that the test moves forward.
describe('deciding the desktop expiry notification', () => {
  const temp = makeTempDir('certmapper-expiry-notify-');
  const clock = { at: Date.now(), now: () => new Date(clock.at) };
  let services: Services;
  let pki: DatedPki;
  let server: DatedCertificate;
  let client: DatedCertificate;
  let unused: DatedCertificate;
  const overview = () => services.expiry.overview({ scope: 'in-use' });
  const importFile = (path: string, store?: 'server' | 'client') =>
    services.certificates.import({ files: [{ name: path, contentBase64: readFileSync(path).toString('base64') }], store });

  beforeAll(() => {
    pki = createDatedPki(join(temp.path, 'pki'));
    server = pki.issue('server', { commonName: 'shop.test', profile: 'server', notAfter: daysFromNow(60) });
    client = pki.issue('client', { commonName: 'Alice', profile: 'client', notAfter: daysFromNow(90) });
    unused = pki.issue('unused', { commonName: 'spare.test', profile: 'server', notAfter: daysFromNow(10) });
    services = memoryServices(clock);
    importFile(server.withKeyPath, 'server');
    importFile(unused.withKeyPath, 'server');
    importFile(client.pemPath, 'client');
    services.sites.add({ name: 'Shop', bindings: [{ protocol: 'https', address: '127.0.0.1', port: 0, host: null, certificateSha256: null }], serverCertificateSha256: server.sha256, content: { kind: 'static', directory: temp.path } });
    services.accounts.upsert({ name: 'alice', groups: [], description: '' });
    services.mappings.addOneToOne('Shop', { certificateSha256: client.sha256, account: 'alice', enabled: true });
  });
  afterAll(() => temp.cleanup());

  it('says nothing while everything in use is further away than the lead time (an unused certificate does not count)', () => {
    const decision = decideExpiryNotification(overview(), new Set());
    expect(decision.notice).toBeNull();
    expect(overview().warning).toMatchObject({ expiring: 0, expired: 0, message: null });
  });

  it('notifies once when a certificate in use enters the warning window, and not again at the next check', () => {
    clock.at = server.notAfter.getTime() - 20 * DAY_MS + HOUR_MS;
    const first = decideExpiryNotification(overview(), new Set());
    expect(first.notice?.title).toBe('1 certificate expires within 30 days');
    expect(first.notice?.body).toContain('shop.test expires in 19 day(s)');
    expect(first.notice?.body).toContain('https://127.0.0.1:0 of site "Shop"');
    expect(decideExpiryNotification(overview(), first.notified).notice).toBeNull();
  });

  it('notifies again for a new certificate entering the window, naming only the new one', () => {
    const before = decideExpiryNotification(overview(), new Set()).notified;
    clock.at = client.notAfter.getTime() - 5 * DAY_MS + HOUR_MS;
    const decision = decideExpiryNotification(overview(), before);
    // The server certificate expired meanwhile (60 days < 85): that is news too, the client is new.
    expect(decision.notice?.title).toBe('1 certificate expires within 30 days; 1 has expired');
    expect(decision.notice?.body).toContain('Alice expires in 4 day(s) (one-to-one mapping to alice on site "Shop")');
    expect(decision.notice?.body).toContain('shop.test expired');
  });

  it('follows the configured lead time', () => {
    clock.at = server.notAfter.getTime() - 40 * DAY_MS;
    expect(decideExpiryNotification(overview(), new Set()).notice).toBeNull();
    services.expiry.setLeadDays(45);
    expect(decideExpiryNotification(overview(), new Set()).notice?.title).toBe('1 certificate expires within 45 days');
    services.expiry.setLeadDays(30);
  });

  it('forgets a certificate that left the window (renewed), so it would warn again if it came back', () => {
    clock.at = server.notAfter.getTime() - 20 * DAY_MS;
    const warned = decideExpiryNotification(overview(), new Set()).notified;
    expect(warned.size).toBe(1);
    const renewed = pki.issue('renewed', { commonName: 'shop.test', profile: 'server', notAfter: daysFromNow(400) });
    importFile(renewed.withKeyPath, 'server');
    services.sites.update('Shop', (site) => ({ ...site, serverCertificateSha256: renewed.sha256 }));
    const after = decideExpiryNotification(overview(), warned);
    expect([after.notice, after.notified.size]).toEqual([null, 0]);
  });
});
