// `npm run bench`: every benchmark, medians in one table. Speed is proven here, never in tests.
// Order: CLI import, web console start, the decision in process (vite-node), key generation, the local
// authority, reading the client certificate, the gateway under load.
// A benchmark that fails shows as a FAILED row (and the exit code is 1); the others still run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importBench } from './import-bench.mjs';
import { consoleStartBench } from './console-start-bench.mjs';
import { formatGatewayTable, gatewayBench } from './gateway-bench.mjs';
import { authorityBench } from './authority-bench.mjs';
import { authorityRevokeBench } from './authority-revoke-bench.mjs';
import { peerCertificateBench } from './peer-certificate-bench.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../app/dist/cli/certmapper.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Build first: npm run build');
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The decision goal of the issue: under 20 us at the 99th percentile, the same at 1,000 and 100,000 mappings. */
const DECISION_GOAL_US = 20;
const DECISION_MEASURES = [
  ['whatIf', 'decision (what-if path, full trace)'],
  ['identifyDecide', 'decision (identify + decide)'],
  ['perRequest', 'decision (per request, identified connection)'],
];

/** bench/decision-bench.ts through vite-node: one JSON line per scenario, one row per scenario and measure. */
function decisionBench() {
  const run = spawnSync('npx', ['vite-node', 'bench/decision-bench.ts'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const printed = run.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  const scenarios = printed.filter((s) => !s.calibration);
  const calibration = printed.find((s) => s.calibration === 'trace-array');
  const stalls = printed.find((s) => s.calibration === 'stalls');
  if (run.status !== 0 || scenarios.length === 0) throw new Error(`decision-bench failed (${run.status}): ${run.stderr.split('\n').filter((l) => !l.includes('npm warn')).join(' ').slice(-600)}`);
  const rows = [];
  const us = (v) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} us`;
  for (const [key, label] of DECISION_MEASURES) {
    for (const s of scenarios) {
      const m = s[key];
      if (!m) continue;
      const base = scenarios.find((o) => o.hit === s.hit && o.mappings < s.mappings)?.[key];
      const p99s = m.reps.map((r) => r.p99);
      const met = median(p99s) < DECISION_GOAL_US ? 'goal met' : '**goal missed**';
      const growth = base ? `; p99 x${(median(p99s) / median(base.reps.map((r) => r.p99))).toFixed(2)} of 1,000 mappings` : '';
      rows.push({
        name: `${label} p99, ${s.mappings.toLocaleString('en')} 1:1 + ${s.manyToOne.toLocaleString('en')} N:1, ${s.hit} decides`,
        unit: 'us',
        times: p99s,
        goal: `p99 < ${DECISION_GOAL_US} us`,
        detail: `${met}; p50 ${us(m.p50)}, ${m.samples.toLocaleString('en')} samples${growth}`,
      });
    }
  }
  if (calibration) {
    const m = calibration.traceArray;
    rows.push({
      name: `calibration: a ${calibration.entries.toLocaleString('en')}-entry array made and filled per call (the least a 1,000-line what-if trace costs) p99`,
      unit: 'us',
      times: m.reps.map((r) => r.p99),
      goal: 'none (the floor of the many-to-one what-if)',
      detail: `p50 ${us(m.p50)}, p99.9 ${us(m.p999)}, ${m.samples.toLocaleString('en')} samples`,
    });
  }
  if (stalls) {
    // A measure whose calls take longer than this has more than 1% of them hit by a stall: its p99 is then a stall.
    const hitOnePercentUs = (0.01 / stalls.perSecond) * 1e6;
    rows.push({
      name: 'calibration: the machine takes the CPU away (gaps > 10 us in a 2 s loop that allocates nothing) median gap',
      unit: 'us',
      times: [stalls.medianUs],
      goal: 'none (the floor of every p99)',
      detail: `${Math.round(stalls.perSecond).toLocaleString('en')} a second, p90 ${us(stalls.p90Us)}, ${(stalls.shareOfTime * 100).toFixed(1)}% of the time; a call longer than ${us(hitOnePercentUs)} is hit in more than 1% of calls`,
    });
  }
  return rows;
}

/** bench/keygen-bench.ts through vite-node: key generation per algorithm and one PKCS#12 write, every run's time. */
function keygenBench() {
  const run = spawnSync('npx', ['vite-node', 'bench/keygen-bench.ts'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const measures = run.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  if (run.status !== 0 || measures.length === 0) throw new Error(`keygen-bench failed (${run.status}): ${run.stderr.split('\n').filter((l) => !l.includes('npm warn')).join(' ').slice(-600)}`);
  // Sub-20 ms measures in microseconds, so EC and Ed25519 do not all print as "1 ms".
  const timed = (times) => (median(times) < 20 ? { unit: 'us', times: times.map((t) => t * 1000) } : { unit: 'ms', times });
  return measures.map((m) =>
    m.measure === 'keygen'
      ? { name: `key generation, ${m.algorithm}`, ...timed(m.times), goal: '-', detail: 'webcrypto generateKey + PKCS#8/SPKI export, in process' }
      : { name: 'PKCS#12 write (leaf + 2 CA certificates, AES-256, 2,048 PBKDF2 iterations)', ...timed(m.times), goal: '-', detail: 'what every exported or issued .pfx costs' },
  );
}

const rows = [];
let failures = 0;
let gateway = null;
async function section(name, fn) {
  const started = performance.now();
  console.error(`[bench] ${name} ...`);
  try {
    const result = await fn();
    console.error(`[bench] ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return result;
  } catch (error) {
    failures++;
    console.error(`[bench] ${name} FAILED: ${error.stack ?? error}`);
    rows.push({ name, failed: `**FAILED: ${String(error.message ?? error).split('\n')[0]}**`, goal: '-' });
    return null;
  }
}

await section('import', async () => rows.push(await importBench({ cli })));
await section('web console start', async () => rows.push(...(await consoleStartBench({ cli }))));
await section('decision (in process)', async () => rows.push(...decisionBench()));
await section('key generation (in process)', async () => rows.push(...keygenBench()));
await section('local authority (in process)', async () => rows.push(...authorityBench({ root })));
await section('local authority: revoke -> 403.13', async () => rows.push(...(await authorityRevokeBench({ cli }))));
await section('reading the client certificate', async () => rows.push(...(await peerCertificateBench())));
await section('gateway load', async () => {
  gateway = await gatewayBench({ cli });
  rows.push(...gateway.rows);
});

const fmt = (unit, v) => {
  if (unit === 'us') return `${v < 10 ? v.toFixed(2) : v.toFixed(0)} us`;
  if (unit === 'ratio') return v.toFixed(2);
  return `${v.toFixed(0)} ms`;
};
console.log(`\nCertMapper benchmarks (${new Date().toISOString()}, node ${process.version}, medians of repeated runs)\n`);
console.log('| benchmark | median | min | max | runs | goal | detail |');
console.log('|---|---:|---:|---:|---:|---|---|');
for (const r of rows) {
  if (r.failed || r.skipped) {
    console.log(`| ${r.name} | - | - | - | 0 | ${r.goal ?? '-'} | ${r.failed ?? `skipped: ${r.skipped}`} |`);
    continue;
  }
  console.log(`| ${r.name} | ${fmt(r.unit, median(r.times))} | ${fmt(r.unit, Math.min(...r.times))} | ${fmt(r.unit, Math.max(...r.times))} | ${r.times.length} | ${r.goal} | ${r.detail ?? ''} |`);
}
if (gateway) console.log(`\n${formatGatewayTable(gateway)}`);
if (failures) process.exitCode = 1;
