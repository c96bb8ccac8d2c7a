import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { GatewaySnapshot } from '../../../main/decision/types';
import { withOwnBinaries } from '../../../main/gateway/snapshot-binaries';
import type { Site } from '../../../shared/models/site';

// The gateway receives its configuration over Node's IPC with advanced serialization, which is
// v8.serialize / v8.deserialize: typed arrays come back as views into the whole message. The
// gateway keeps a site's trust anchors and CRLs for as long as the configuration is in force, so
// without its own copies a large configuration's message (tens of MB) stays in memory with them.

const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);

/** A snapshot whose site carries about 10 MB of strings, like one with many mappings. */
function largeSnapshot(): GatewaySnapshot {
  const site = { id: 'site-1', name: 'Default Web Site', padding: Array.from({ length: 50_000 }, (_, i) => `${'m'.repeat(200)}${i}`) } as unknown as Site;
  return {
    version: 7,
    accounts: { alice: ['staff'] },
    sites: [{ site, serverCertificates: {}, mappingPasswords: {}, trustedIssuers: [{ sha256: 'ab', der: bytes(900, 1), subject: 'CN=Root', isRoot: true }], crls: [bytes(300, 2), bytes(400, 3)] }],
  };
}

describe('snapshot binaries: the DER the gateway keeps does not keep the message alive', () => {
  it('gives each trust anchor and CRL a buffer of its own, with the same bytes', () => {
    const received = deserialize(serialize(largeSnapshot())) as GatewaySnapshot;
    const arrived = received.sites[0]!;
    // What arrives: a 900-byte anchor holding on to the whole message.
    expect(arrived.trustedIssuers[0]!.der.buffer.byteLength).toBeGreaterThan(5_000_000);

    const kept = withOwnBinaries(received).sites[0]!;
    const ders = [kept.trustedIssuers[0]!.der, ...kept.crls];
    expect(ders.map((der) => der.buffer.byteLength)).toEqual([900, 300, 400]);
    expect(ders.map((der) => [der.length, der[0], der[der.length - 1]])).toEqual([
      [900, 1, 1],
      [300, 2, 2],
      [400, 3, 3],
    ]);
    expect(kept.trustedIssuers[0]).toMatchObject({ sha256: 'ab', subject: 'CN=Root', isRoot: true });
    expect(kept.site).toBe(arrived.site);
  });

  it('leaves bytes that already own their buffer as they are', () => {
    const snapshot = largeSnapshot();
    const own = withOwnBinaries(snapshot).sites[0]!;
    expect(own.trustedIssuers[0]!.der).toBe(snapshot.sites[0]!.trustedIssuers[0]!.der);
    expect(own.crls[1]).toBe(snapshot.sites[0]!.crls[1]);
  });
});
