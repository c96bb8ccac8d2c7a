// The local authority's rows for `npm run bench`: bench/authority-bench.ts in process (vite-node) for
// issuing, the CRL check and revoke at scale; bench/authority-revoke-bench.mjs for revoke -> 403.13.
import { spawnSync } from 'node:child_process';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const by = (measures, name) => measures.filter((m) => m.measure === name);

export function authorityBench({ root }) {
  const run = spawnSync('npx', ['vite-node', 'bench/authority-bench.ts'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const measures = run.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  if (run.status !== 0 || measures.length === 0) throw new Error(`authority-bench failed (${run.status}): ${run.stderr.split('\n').filter((l) => !l.includes('npm warn')).join(' ').slice(-600)}`);
  const rows = [];
  const issue = by(measures, 'issue');
  const [parts] = by(measures, 'issueParts');
  if (issue.length) {
    const count = issue[0].count.toLocaleString('en');
    rows.push({ name: `local authority: issue ${count} client certificates with their PKCS#12 (total)`, unit: 'ms', times: issue.map((m) => m.totalMs), goal: '-', detail: 'AuthorityService.issueClientCertificate one after another, real files (each a durable register write)' });
    rows.push({
      name: 'local authority: issue one client certificate + PKCS#12 (per certificate, p50 of the 1,000)',
      unit: 'ms',
      times: issue.map((m) => m.p50Ms),
      goal: '-',
      detail: `p95 ${median(issue.map((m) => m.p95Ms)).toFixed(1)} ms; first 100 ${median(issue.map((m) => m.firstHundredMs)).toFixed(1)} ms, last 100 ${median(issue.map((m) => m.lastHundredMs)).toFixed(1)} ms each${parts ? `; parts (p50): key ${parts.keyMs.toFixed(1)} ms, sign + register write ${parts.signAndRecordMs.toFixed(1)} ms, PKCS#12 ${parts.pkcs12Ms.toFixed(1)} ms` : ''}`,
    });
  }
  const checks = by(measures, 'crlCheck');
  const small = checks.filter((m) => m.revokedCount === 1000);
  for (const count of [1000, 100_000]) {
    const ms = checks.filter((m) => m.revokedCount === count);
    if (!ms.length) continue;
    const ratio = count !== 1000 && small.length ? `; x${(median(ms.map((m) => m.strictP50Us)) / median(small.map((m) => m.strictP50Us))).toFixed(2)} of 1,000 revoked` : '';
    rows.push({
      name: `CRL check, ${count.toLocaleString('en')} revoked serials: trust step for a new certificate, strict revocation (p50)`,
      unit: 'us',
      times: ms.map((m) => m.strictP50Us),
      goal: 'a lookup: flat from 1,000 to 100,000',
      detail: `revocation off ${median(ms.map((m) => m.offP50Us)).toFixed(0)} us${ratio}; CRL ${(ms[0].crlBytes / 1024).toFixed(0)} KiB, built and signed in ${median(ms.map((m) => m.buildMs)).toFixed(0)} ms, compiled into a trust context in ${median(ms.map((m) => m.compileMs)).toFixed(0)} ms (once per snapshot)`,
    });
  }
  for (const count of [1000, 100_000]) {
    const ms = by(measures, 'revoke').filter((m) => m.revokedCount === count);
    if (ms.length) rows.push({ name: `local authority: revoke with ${count.toLocaleString('en')} already revoked (CRL rebuilt, signed, both documents written)`, unit: 'ms', times: ms.map((m) => m.ms), goal: '-', detail: 'in process, real files' });
  }
  return rows;
}
