// The decision cost in process at 1,000 and at 100,000 mappings: run by `npm run bench` through
// vite-node; prints one JSON line per scenario. Three measures per scenario:
// - whatIf: the what-if path (identify + explain, full trace);
// - identifyDecide: identify + decide on a fresh identity every iteration (what a new connection
//   costs the decision engine: no TLS socket, no what-if trace; parsed certificate facts are cached
//   across identities, as in the gateway);
// - perRequest: decide only, on one identity (a keep-alive request on an identified connection).
// Each measure is repeated (REPS) with a time budget per repetition, so a slow path (what-if walking
// 1,000 many-to-one rules) cannot stretch the run; every repetition reports its own p50/p99.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { prepareSnapshot, whatIf } from '../main/decision';
import type { GatewaySnapshot } from '../main/decision/types';
import { DEFAULT_IDENTITY_HEADERS, DEFAULT_SECURITY, type ManyToOneMapping, type OneToOneMapping, type Site } from '../shared/models/site';
import { createTestPki } from '../test/helpers/test-pki';
import { makeTempDir } from '../test/helpers/temp-dir';

const der = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

function snapshotWith(oneToOneCount: number, manyToOneCount: number, pki: ReturnType<typeof createTestPki>, hit: 'one-to-one' | 'many-to-one'): GatewaySnapshot {
  const oneToOne: OneToOneMapping[] = Array.from({ length: oneToOneCount }, (_, i) => ({
    id: `o${i}`, certificateSha256: randomBytes(32).toString('hex'), subject: `CN=user${i}`, account: 'bench', enabled: true, hasPassword: false,
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
  return { p50: at(0.5), p99: at(0.99) };
}

interface Measured { p50: number; p99: number; samples: number; reps: { p50: number; p99: number; samples: number }[] }

const REPS = 3;

/** Warm up, then REPS repetitions of at most `iterations` samples or `budgetMs` each; microseconds. */
function measure(fn: () => unknown, iterations: number, budgetMs = 1500): Measured {
  const warmUntil = performance.now() + 300;
  for (let i = 0; i < 2000 && performance.now() < warmUntil; i++) fn();
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

const work = makeTempDir('certmapper-bench-pki-');
const pki = createTestPki(work.path);
const presented = { der: der(readFileSync(pki.client.pemPath, 'utf8')), chain: [der(pki.intermediate.pem)] };
for (const count of [1_000, 100_000]) {
  for (const hit of ['one-to-one', 'many-to-one'] as const) {
    const engine = prepareSnapshot(snapshotWith(count, 1_000, pki, hit));
    const at = new Date();
    const check = whatIf(engine, 'Bench', presented, '/', at);
    if (check.status !== 200) throw new Error(`bench setup: expected 200, got ${check.status}.${check.substatus}: ${JSON.stringify(check.trace.at(-1))}`);
    const whatIfCost = measure(() => whatIf(engine, 'Bench', presented, '/', at), 20_000);
    const identifyDecide = measure(() => {
      const decision = engine.decide(engine.identify('bench', presented, at), { tls: true, path: '/', at });
      if (decision.status !== 200) throw new Error(`identify + decide: expected 200, got ${decision.status}.${decision.substatus}`);
    }, 20_000);
    const identity = engine.identify('bench', presented, at);
    const perRequest = measure(() => engine.decide(identity, { tls: true, path: '/', at }), 50_000);
    console.log(JSON.stringify({ mappings: count, manyToOne: 1_000, hit, whatIf: whatIfCost, identifyDecide, perRequest }));
  }
}
work.cleanup();
