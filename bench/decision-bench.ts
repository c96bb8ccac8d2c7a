// The decision cost in process at 1,000 and at 100,000 mappings: run by `npm run bench` through
// vite-node; prints one JSON line per scenario. Measures per scenario:
// - whatIf: the what-if path (identify + explain, full trace), one certificate again and again
//   (the trust verdict is then kept by the engine's trust context, as for a returning client);
// - identifyDecide: identify + decide on a fresh identity every iteration (what a new connection
//   costs the decision engine: no TLS socket, no what-if trace; parsed certificate facts and the
//   trust verdict are kept across identities, as in the gateway);
// - perRequest: decide only, on one identity (a keep-alive request on an identified connection);
// - whatIfFirstSight, identifyDecideFirstSight: the same two for a certificate the engine has never
//   seen (a new client: parsing, chain building, the leaf's signature check, revocation, mapping).
//   Each iteration takes another certificate, issued for the bench by the test intermediate.
// Each measure is repeated (REPS) with a time budget per repetition, so a slow path (what-if walking
// 1,000 many-to-one rules) cannot stretch the run; every repetition reports its own p50/p99.
import 'reflect-metadata';
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { prepareSnapshot, whatIf } from '../main/decision';
import type { GatewaySnapshot, PresentedCertificate } from '../main/decision/types';
import { certificateLayout } from '../main/services/certificates/codec/certificate';
import { encodeTlv } from '../main/services/certificates/codec/der-writer';
import { digestHex } from '../main/services/certificates/codec/text';
import { DEFAULT_IDENTITY_HEADERS, DEFAULT_SECURITY, type ManyToOneMapping, type OneToOneMapping, type Site } from '../shared/models/site';
import { createTestPki } from '../test/helpers/test-pki';
import { makeTempDir } from '../test/helpers/temp-dir';

const der = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

type Pki = ReturnType<typeof createTestPki>;

/**
 * `count` certificates the engine has never seen: the bench client with another serial number each,
 * signed again with the intermediate's key (same subject and extensions, so the same mapping rules apply).
 */
function freshClients(pki: Pki, count: number): Uint8Array[] {
  const client = der(readFileSync(pki.client.pemPath, 'utf8'));
  const key = createPrivateKey(readFileSync(pki.intermediate.keyPath));
  const layout = certificateLayout(client);
  const tbs = client.slice(layout.tbs.start, layout.tbs.end);
  const algorithm = client.subarray(layout.signatureAlgorithm.start, layout.signatureAlgorithm.end);
  // The serial's last four octets become a counter (its first octet, and so its sign, stays).
  const serialEnd = layout.serial.end - layout.tbs.start;
  return Array.from({ length: count }, (_, i) => {
    new DataView(tbs.buffer, tbs.byteOffset).setUint32(serialEnd - 4, i + 1);
    const signature = sign('sha256', tbs, { key, dsaEncoding: 'der' });
    return encodeTlv(0x30, tbs, algorithm, encodeTlv(0x03, Uint8Array.of(0), signature));
  });
}

function snapshotWith(oneToOneCount: number, manyToOneCount: number, pki: Pki, hit: 'one-to-one' | 'many-to-one', mapped: readonly string[]): GatewaySnapshot {
  const oneToOne: OneToOneMapping[] = Array.from({ length: oneToOneCount }, (_, i) => ({
    id: `o${i}`, certificateSha256: mapped[i] ?? randomBytes(32).toString('hex'), subject: `CN=user${i}`, account: 'bench', enabled: true, hasPassword: false,
  }));
  if (hit === 'one-to-one') oneToOne[oneToOneCount - 1] = { ...oneToOne[oneToOneCount - 1]!, certificateSha256: pki.client.sha256 };
  // Every rule misses but the last, so the many-to-one case walks the whole ordered list.
  const manyToOne: ManyToOneMapping[] = Array.from({ length: manyToOneCount }, (_, i) => ({
    id: `m${i}`, name: `rule ${i}`, description: '', enabled: true, permission: 'allow', account: 'bench', hasPassword: false,
    rules: [{ field: 'subject.OU', pattern: i === manyToOneCount - 1 && hit === 'many-to-one' ? 'Sta*' : `Team-${i}-*`, caseSensitive: true }],
  }));
  const site: Site = {
    id: 'bench', name: 'Bench', bindings: [], serverCertificateSha256: null, content: { kind: 'static', directory: '/' },
    security: { ...DEFAULT_SECURITY, revocation: 'cached' }, authorization: [], folders: [],
    trustedIssuers: [pki.root.sha256, pki.intermediate.sha256], mappingMode: 'local', oneToOneEnabled: true, manyToOneEnabled: true,
    oneToOne, manyToOne, identityHeaders: { ...DEFAULT_IDENTITY_HEADERS }, detailedErrors: 'off',
  };
  return {
    version: 1,
    accounts: { bench: [] },
    sites: [{
      site, serverCertificates: {}, crls: [], mappingPasswords: {},
      trustedIssuers: [
        { sha256: pki.root.sha256, der: der(pki.root.pem), subject: pki.root.subject, isRoot: true },
        { sha256: pki.intermediate.sha256, der: der(pki.intermediate.pem), subject: pki.intermediate.subject, isRoot: false },
      ],
    }],
  };
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999) };
}

interface Measured { p50: number; p99: number; p999: number; samples: number; reps: { p50: number; p99: number; p999: number; samples: number }[] }

const REPS = 3;
// First sight: certificates per repetition and for warming up, per measure and scenario.
const FIRST_SIGHT = { iterations: 150, warmup: 30 };
const FIRST_SIGHT_PER_MEASURE = FIRST_SIGHT.warmup + REPS * FIRST_SIGHT.iterations;

/** Warm up, then REPS repetitions of at most `iterations` samples or `budgetMs` each; microseconds. */
function measure(fn: () => unknown, iterations: number, { budgetMs = 1500, warmup = 2000 } = {}): Measured {
  const warmUntil = performance.now() + 300;
  for (let i = 0; i < warmup && performance.now() < warmUntil; i++) fn();
  const all: number[] = [];
  const reps: Measured['reps'] = [];
  for (let r = 0; r < REPS; r++) {
    const samples: number[] = [];
    const until = performance.now() + budgetMs;
    for (let i = 0; i < iterations && (i < 200 || performance.now() < until); i++) {
      const start = process.hrtime.bigint();
      fn();
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    reps.push({ ...percentiles(samples), samples: samples.length });
    all.push(...samples);
  }
  return { ...percentiles(all), samples: all.length, reps };
}

/** Each call presents the next certificate of `pool` with the intermediate: every one is seen once. */
function firstSight(pool: readonly Uint8Array[], chain: Uint8Array[], run: (presented: PresentedCertificate) => void): () => void {
  let next = 0;
  return () => {
    const certificate = pool[next++];
    if (!certificate) throw new Error('bench: first-sight certificates ran out');
    run({ der: certificate, chain });
  };
}

const expect200 = (what: string, decision: { status: number; substatus: number }) => {
  if (decision.status !== 200) throw new Error(`${what}: expected 200, got ${decision.status}.${decision.substatus}`);
};

const work = makeTempDir('certmapper-bench-pki-');
const pki = createTestPki(work.path);
const chain = [der(pki.intermediate.pem)];
const presented = { der: der(readFileSync(pki.client.pemPath, 'utf8')), chain };
for (const count of [1_000, 100_000]) {
  for (const hit of ['one-to-one', 'many-to-one'] as const) {
    // One-to-one: the fresh certificates are mapped (one-to-one decides for them too).
    const pool = freshClients(pki, 2 * FIRST_SIGHT_PER_MEASURE);
    const mapped = hit === 'one-to-one' ? pool.map((d) => digestHex('sha256', d)) : [];
    const engine = prepareSnapshot(snapshotWith(count, 1_000, pki, hit, mapped));
    const at = new Date();
    const check = whatIf(engine, 'Bench', presented, '/', at);
    if (check.status !== 200) throw new Error(`bench setup: expected 200, got ${check.status}.${check.substatus}: ${JSON.stringify(check.trace.at(-1))}`);
    const whatIfCost = measure(() => whatIf(engine, 'Bench', presented, '/', at), 20_000);
    const identifyDecide = measure(() => expect200('identify + decide', engine.decide(engine.identify('bench', presented, at), { tls: true, path: '/', at })), 20_000);
    const identity = engine.identify('bench', presented, at);
    const perRequest = measure(() => engine.decide(identity, { tls: true, path: '/', at }), 50_000);
    const sight = { warmup: FIRST_SIGHT.warmup };
    const whatIfFirstSight = measure(
      firstSight(pool.slice(0, FIRST_SIGHT_PER_MEASURE), chain, (p) => expect200('what-if, first sight', whatIf(engine, 'Bench', p, '/', at))),
      FIRST_SIGHT.iterations,
      sight,
    );
    const identifyDecideFirstSight = measure(
      firstSight(pool.slice(FIRST_SIGHT_PER_MEASURE), chain, (p) => expect200('identify + decide, first sight', engine.decide(engine.identify('bench', p, at), { tls: true, path: '/', at }))),
      FIRST_SIGHT.iterations,
      sight,
    );
    console.log(JSON.stringify({ mappings: count, manyToOne: 1_000, hit, whatIf: whatIfCost, identifyDecide, perRequest, whatIfFirstSight, identifyDecideFirstSight }));
  }
}
// Calibration: the least a 1,000-line trace costs, an array of 1,015 entries made and filled per
// call and nothing else. Its p99 is the floor of the many-to-one what-if above: on these VMs V8's
// start of a new 256 KB young-generation page costs tens of microseconds, once in every ~31 such calls.
const lines = Array.from({ length: 1_015 }, (_, i) => ({ step: 'mapping', result: 'fail' as const, detail: `line ${i}` }));
let kept: unknown;
const traceArray = measure(() => {
  const out = new Array<(typeof lines)[number]>(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = lines[i]!;
  kept = out;
}, 50_000);
if (!kept) throw new Error('bench: calibration made nothing');
console.log(JSON.stringify({ calibration: 'trace-array', entries: lines.length, traceArray }));

// Calibration: how often this machine takes the CPU away. A loop with no allocation reads the clock
// for 2 s and notes every gap of more than 10 us between two reads: no code of ours runs in it, so
// each gap is the machine's (on these VMs 1,400-1,800 a second, of 40-50 us each). A call of
// duration d is hit with a probability of about d x that rate: past 1% of calls, the p99 of any
// measure is such a gap, whatever the code does.
const stalls: number[] = [];
const stallStart = performance.now();
for (let last = stallStart, now = last; now - stallStart < 2000; last = now) {
  now = performance.now();
  if (now - last > 0.01) stalls.push((now - last) * 1000);
}
const stallSeconds = (performance.now() - stallStart) / 1000;
stalls.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    calibration: 'stalls',
    perSecond: stalls.length / stallSeconds,
    medianUs: stalls[stalls.length >> 1] ?? 0,
    p90Us: stalls[Math.floor(stalls.length * 0.9)] ?? 0,
    shareOfTime: stalls.reduce((sum, us) => sum + us, 0) / 1e6 / stallSeconds,
  }),
);
work.cleanup();
