import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryServices } from '../../helpers/memory-services';
import { authorityKeyId } from '../../../main/services/authority/authority-document';
import { buildCrl } from '../../../main/services/authority/crl-builder';
import { privateKeyFromPkcs8 } from '../../../main/services/keys/key-algorithms';
import { compileTrustContext } from '../../../main/services/trust/trust-context';
import { toCrlView } from '../../../main/services/trust/crl-view';
import type { AuthorityKeyAlgorithm } from '../../../shared/models/authority';

// The CRL is our own DER: read back by our trust engine (signature checked against the CA) and by OpenSSL.

async function caOf(algorithm: AuthorityKeyAlgorithm) {
  const services = memoryServices();
  const info = await services.authority.init({ algorithm, crlUrl: 'http://127.0.0.1:1/crl/t.crl' });
  const pem = services.certificates.get(info.root.sha256).pem;
  const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
  const key = privateKeyFromPkcs8(services.snapshotSources().vault.get(authorityKeyId(info.id, 'root'))!);
  const ski = services.certificates.get(info.root.sha256).facts.subjectKeyIdentifier!.replace(/:/g, '');
  return { der, key, ski, pem, algorithm };
}

const at = new Date('2026-05-01T10:00:00Z');

describe('CRLs written by the local authority', () => {
  for (const algorithm of ['ec-p256', 'ec-p384', 'rsa-2048'] as const) {
    it(`are signed verifiably with an ${algorithm} CA key and carry number, AKI, dates and reasons`, async () => {
      const ca = await caOf(algorithm);
      const crl = buildCrl({
        issuerCertificate: ca.der,
        issuerSki: ca.ski,
        issuerAlgorithm: algorithm,
        issuerKey: ca.key,
        number: 300,
        thisUpdate: at,
        nextUpdate: new Date(at.getTime() + 86_400_000),
        entries: [
          { serialHex: '0A', revokedAt: at, reasonCode: 0 },
          { serialHex: '7F00FF', revokedAt: at, reasonCode: 1 },
          { serialHex: '80', revokedAt: at, reasonCode: 9 },
        ],
      });
      const context = compileTrustContext({ anchors: [ca.der], crls: [crl] });
      const [compiled] = [...context.crlsByIssuer.values()].flat();
      expect(compiled?.verifiedBy.size).toBe(1);
      expect(compiled?.problems).toEqual([]);
      expect(compiled?.crlNumber).toBe('012C'); // 300, as the trust engine writes CRL numbers (whole bytes)
      expect(compiled?.akiKeyId?.toLowerCase()).toBe(ca.ski.toLowerCase());
      expect(compiled?.nextUpdate).toBe(at.getTime() + 86_400_000);
      expect([...(compiled?.revoked.values() ?? [])].flatMap((set) => [...set]).sort()).toEqual(['0080', '0A', '7F00FF']); // 0x80 needs its sign byte, as in the certificate's own DER

      const dir = mkdtempSync(join(tmpdir(), 'crl-'));
      try {
        writeFileSync(join(dir, 'ca.pem'), ca.pem);
        writeFileSync(join(dir, 'crl.der'), crl);
        const text = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', join(dir, 'crl.der'), '-CAfile', join(dir, 'ca.pem'), '-noout', '-text'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        expect(text).toMatch(/X509v3 CRL Number:\s+300/);
        expect(text).toMatch(/Serial Number: 7F00FF\s+Revocation Date: May {2}1 10:00:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Key Compromise/);
        expect(text).toMatch(/Serial Number: 80\s+Revocation Date[^\n]+\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Privilege Withdrawn/);
        // Reason "unspecified" is left out of the entry (RFC 5280 5.3.1).
        expect(text).toMatch(/Serial Number: 0A\s+Revocation Date[^\n]+\n\s+Serial Number: 7F00FF/);
        const verified = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', join(dir, 'crl.der'), '-CAfile', join(dir, 'ca.pem'), '-noout'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        expect(verified).toBe('');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('hold 100,000 serials, each found by a lookup', async () => {
    const ca = await caOf('ec-p256');
    const entries = Array.from({ length: 100_000 }, (_, i) => ({ serialHex: (0x40000000 + i).toString(16).toUpperCase(), revokedAt: at, reasonCode: i % 2 }));
    const crl = buildCrl({ issuerCertificate: ca.der, issuerSki: ca.ski, issuerAlgorithm: 'ec-p256', issuerKey: ca.key, number: 1, thisUpdate: at, nextUpdate: new Date(at.getTime() + 1000), entries });
    const view = toCrlView(crl);
    const serials = [...view.revoked.values()][0]!;
    expect(serials.size).toBe(100_000);
    expect(serials.has('4000C350')).toBe(true);
    expect(serials.has('3FFFFFFF')).toBe(false);
  });
});
