// End-to-end import of a large PEM bundle: the real CLI, a fresh data folder, wall-clock time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBundle } from './make-bundle.mjs';

export async function importBench({ cli, count = 10_000, runs = 3 }) {
  const bundle = await makeBundle(count);
  const times = [];
  let stored = 0;
  for (let i = 0; i < runs; i++) {
    const data = mkdtempSync(join(tmpdir(), 'certmapper-bench-data-'));
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [cli, '--data', data, 'cert', 'import', bundle, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
    stored = JSON.parse(run.stdout)[0].certificates.length;
    if (i === runs - 1) stored = `${stored} (${(statSync(join(data, 'certificates.json')).size / 1e6).toFixed(1)} MB store)`;
    rmSync(data, { recursive: true, force: true });
  }
  return { name: `import ${count.toLocaleString('en')}-certificate PEM bundle (CLI, end to end)`, times, goal: '< 3000 ms', detail: stored };
}
