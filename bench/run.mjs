// `npm run bench`: every benchmark, medians in one table. Speed is proven here, never in tests.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importBench } from './import-bench.mjs';
import { consoleStartBench } from './console-start-bench.mjs';

const cli = fileURLToPath(new URL('../app/dist/cli/certmapper.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Build first: npm run build');
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const rows = [await importBench({ cli }), ...(await consoleStartBench({ cli }))];
console.log(`\nCertMapper benchmarks (${new Date().toISOString()}, node ${process.version}, medians of repeated runs)\n`);
console.log('| benchmark | median | min | max | runs | goal | detail |');
console.log('|---|---:|---:|---:|---:|---|---|');
for (const r of rows) {
  const fmt = (ms) => `${ms.toFixed(0)} ms`;
  console.log(`| ${r.name} | ${fmt(median(r.times))} | ${fmt(Math.min(...r.times))} | ${fmt(Math.max(...r.times))} | ${r.times.length} | ${r.goal} | ${r.detail ?? ''} |`);
}
