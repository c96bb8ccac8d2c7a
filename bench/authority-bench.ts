// The local authority in process (run by `npm run bench` through vite-node; one JSON line per measure):
// - issue: 1,000 client certificates, each with a new ECDSA P-256 key and its PKCS#12, through
//   AuthorityService.issueClientCertificate on real files (authority.json): total and per
//   certificate, with where the time goes (key, signature + register write, PKCS#12) from a second,
//   instrumented pass over 100 certificates;
// - crlCheck: the trust step for a certificate the gateway has not seen (parse, signature, chain,
//   revocation) with a CRL of 1,000 and of 100,000 revoked serials, strict revocation against
//   revocation off: the CRL check is a Set lookup, so the difference does not grow with the list;
//   plus what a CRL of that size costs once (build and sign, compile into a trust context);
// - revoke: `revoke()` with 1,000 and 100,000 certificates already revoked (CRL rebuilt and signed,
//   authority.json and certificates.json written), on real files.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { openNodeServices } from '../main/node/open-node-services';
import { authorityKeyId, type AuthorityDocument, type IssuedRecord } from '../main/services/authority/authority-document';
import { buildCrl } from '../main/services/authority/crl-builder';
import { generateKeyPair } from '../main/services/keys/key-generation';
import { writePkcs12 } from '../main/services/keys/pkcs12-writer';
import { privateKeyFromPkcs8 } from '../main/services/keys/key-algorithms';
import { compileTrustContext } from '../main/services/trust/trust-context';
import { verify } from '../main/services/trust/verify';
import { openConfStore } from '../main/storage/conf-config-store';
import { emptyAuthorityDocument } from '../main/services/authority/authority-document';
import { makeTempDir } from '../test/helpers/temp-dir';
import { memoryServices } from '../test/helpers/memory-services';

const ISSUE_COUNT = 1000;
const REPS = 3;
const emit = (value: object) => console.log(JSON.stringify(value));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const der = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

async function freshAuthority() {
  const dir = makeTempDir('bench-authority-');
  const services = openNodeServices(dir.path);
  await services.authority.init({ crlUrl: 'http://127.0.0.1:8081/crl/bench.crl' });
  services.accounts.upsert({ name: 'bench', groups: [], description: '', email: 'bench@example.org', upn: 'bench@corp.example' });
  return { dir, services };
}

async function issueBench(): Promise<void> {
  // One run of 1,000: each issue is a durable register write (about half the cost on this machine), so a run takes a while.
  for (let rep = 0; rep < 1; rep++) {
    const { dir, services } = await freshAuthority();
    const each: number[] = [];
    const started = performance.now();
    for (let i = 0; i < ISSUE_COUNT; i++) {
      const t = performance.now();
      const issued = await services.authority.issueClientCertificate({ account: 'bench', subject: `CN=user ${i}, O=Bench`, password: 'bench password' });
      if (issued.pfx.length < 500) throw new Error('PKCS#12 too small');
      each.push(performance.now() - t);
    }
    const totalMs = performance.now() - started;
    emit({ measure: 'issue', rep, count: ISSUE_COUNT, totalMs, p50Ms: pct(each, 0.5), p95Ms: pct(each, 0.95), firstHundredMs: each.slice(0, 100).reduce((a, b) => a + b, 0) / 100, lastHundredMs: each.slice(-100).reduce((a, b) => a + b, 0) / 100 });
    dir.cleanup();
  }
  // Where the time goes, step by step, on the same kind of authority.
  const { dir, services } = await freshAuthority();
  const parts = { key: [] as number[], sign: [] as number[], pkcs12: [] as number[] };
  for (let i = 0; i < 100; i++) {
    let t = performance.now();
    const keys = await generateKeyPair('ec-p256');
    parts.key.push(performance.now() - t);
    t = performance.now();
    const signed = await services.authority.issue({ subject: `CN=part ${i}`, publicKey: keys.cryptoKeys.publicKey, profile: 'client', altNames: [{ type: 'email', value: 'bench@example.org' }] });
    parts.sign.push(performance.now() - t);
    t = performance.now();
    writePkcs12({ certificates: [signed.der], privateKeyPkcs8: keys.privateKeyPkcs8, password: 'bench password' });
    parts.pkcs12.push(performance.now() - t);
  }
  emit({ measure: 'issueParts', keyMs: pct(parts.key, 0.5), signAndRecordMs: pct(parts.sign, 0.5), pkcs12Ms: pct(parts.pkcs12, 0.5) });
  dir.cleanup();
}

async function crlCheckBench(): Promise<void> {
  // In memory: only the trust step is measured here, and 3,000 register writes would dominate the run.
  const services = memoryServices();
  await services.authority.init({ crlUrl: 'http://127.0.0.1:8081/crl/bench.crl' });
  const info = services.authority.info()!;
  const rootDer = der(services.certificates.get(info.root.sha256).pem);
  const key = privateKeyFromPkcs8(services.snapshotSources().vault.get(authorityKeyId(info.id, 'root'))!);
  const ski = services.certificates.get(info.root.sha256).facts.subjectKeyIdentifier!.replace(/:/g, '');
  // Certificates the engine has never seen (its verdict cache would otherwise answer), one key for all.
  const keys = await generateKeyPair('ec-p256');
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < 3001; i++) leaves.push((await services.authority.issue({ subject: `CN=leaf ${i}`, publicKey: keys.cryptoKeys.publicKey, profile: 'client' })).der);
  const revokedLeaf = new x509.X509Certificate(new Uint8Array(leaves[0]!)).serialNumber.toUpperCase();
  const at = new Date();

  for (const revokedCount of [1000, 100_000]) {
    for (let rep = 0; rep < REPS; rep++) {
      const entries = Array.from({ length: revokedCount }, (_, i) => ({ serialHex: i === 0 ? revokedLeaf : `4${randomBytes(15).toString('hex').toUpperCase()}`, revokedAt: at, reasonCode: 1 }));
      let t = performance.now();
      const crl = buildCrl({ issuerCertificate: rootDer, issuerSki: ski, issuerAlgorithm: 'ec-p256', issuerKey: key, number: 1, thisUpdate: at, nextUpdate: new Date(at.getTime() + 86_400_000), entries });
      const buildMs = performance.now() - t;
      t = performance.now();
      const context = compileTrustContext({ anchors: [rootDer], crls: [crl] });
      const compileMs = performance.now() - t;
      const offContext = compileTrustContext({ anchors: [rootDer], crls: [crl] });
      if (verify(context, leaves[0]!, [], { at, purpose: 'client', revocation: 'strict' }).code !== 'revoked') throw new Error('the revoked leaf was not found');
      const time = (ctx: typeof context, mode: 'strict' | 'off', from: number) => {
        const samples: number[] = [];
        for (let i = from; i < from + 1000; i++) {
          const s = performance.now();
          const verdict = verify(ctx, leaves[i]!, [], { at, purpose: 'client', revocation: mode });
          samples.push((performance.now() - s) * 1000);
          if (verdict.code !== 'ok') throw new Error(`unexpected verdict ${verdict.code}`);
        }
        return samples;
      };
      // Alternate the two modes on halves of distinct certificates, so neither gets a warmer cache.
      const strict = [...time(context, 'strict', 1), ...time(context, 'strict', 2001)];
      const off = time(offContext, 'off', 1001);
      emit({ measure: 'crlCheck', rep, revokedCount, crlBytes: crl.length, buildMs, compileMs, strictP50Us: pct(strict, 0.5), offP50Us: pct(off, 0.5), strictP99Us: pct(strict, 0.99) });
    }
  }
}

async function revokeBench(): Promise<void> {
  for (const revokedCount of [1000, 100_000]) {
    const { dir, services } = await freshAuthority();
    const keys = await generateKeyPair('ec-p256');
    const targets: string[] = [];
    for (let i = 0; i < REPS; i++) targets.push((await services.authority.issue({ subject: `CN=target ${i}`, publicKey: keys.cryptoKeys.publicKey, profile: 'client' })).certificate.sha256);
    // A register that already lists `revokedCount` revoked certificates, written as the service would keep it.
    const store = openConfStore<AuthorityDocument>({ dir: dir.path, name: 'authority', defaults: emptyAuthorityDocument() }).store;
    const document = store.read();
    const authority = document.authority!;
    const issued: Record<string, IssuedRecord> = { ...authority.issued };
    const now = new Date().toISOString();
    for (let i = 0; i < revokedCount; i++) {
      const sha256 = randomBytes(32).toString('hex');
      issued[sha256] = { sha256, serial: `4${randomBytes(15).toString('hex').toUpperCase()}`, subject: `CN=old ${i}`, profile: 'client', account: null, issuerSha256: authority.root.sha256, issuedAt: now, notBefore: now, notAfter: now, revocation: { at: now, reason: 'superseded' } };
    }
    store.write({ ...document, authority: { ...authority, issued } });
    const reopened = openNodeServices(dir.path);
    for (let rep = 0; rep < REPS; rep++) {
      const t = performance.now();
      reopened.authority.revoke(targets[rep]!, 'keyCompromise');
      emit({ measure: 'revoke', rep, revokedCount, ms: performance.now() - t });
    }
    dir.cleanup();
  }
}

if (!process.argv.includes("--skip-issue")) await issueBench();
await crlCheckBench();
await revokeBench();
