// What reading the client's certificate costs a Node TLS server per handshake, by method and by what
// the client sends (its certificate alone, or with its issuing CA as clients with a PFX do), and how
// much the server grows over the handshakes. The gateway reads the leaf alone with
// getPeerCertificate(false) and the chain only when it needs it (gateway-connection.ts): this is why.
// Each method runs in a server process of its own (growth is per process), loaded by `ab` (full
// handshakes, no resumption); the server times only the call.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPki } from './gateway-bench.mjs';

const HANDSHAKES = 3000;
const WARM_UP = 300;
const METHODS = [
  ['x509', 'getPeerX509Certificate().raw'],
  ['leaf', 'getPeerCertificate(false).raw'],
];

// The server side, when this file runs as the forked child: `node peer-certificate-bench.mjs serve METHOD CONFIG`.
if (process.argv[2] === 'serve') serve(process.argv[3], JSON.parse(readFileSync(process.argv[4], 'utf8')));

async function serve(method, config) {
  const https = await import('node:https');
  const times = [];
  const server = https.createServer({ key: config.key, cert: config.cert, ca: config.ca, requestCert: true, rejectUnauthorized: false });
  server.on('secureConnection', (socket) => {
    const started = performance.now();
    const der = method === 'x509' ? socket.getPeerX509Certificate()?.raw : socket.getPeerCertificate(false)?.raw;
    times.push(performance.now() - started);
    if (!der) socket.destroy();
  });
  server.on('request', (req, res) => res.end('ok'));
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (message) => {
    if (message === 'reset') times.length = 0;
    process.send({ times: [...times], rss: process.memoryUsage().rss });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function handshakes(ab, port, clientFile, count) {
  const run = spawnSync(ab, ['-q', '-r', '-n', String(count), '-c', '2', '-E', clientFile, `https://127.0.0.1:${port}/`], { encoding: 'utf8' });
  const complete = Number(run.stdout.match(/^Complete requests:\s+(\d+)/m)?.[1] ?? 0);
  if (complete < count) throw new Error(`ab completed ${complete} of ${count} handshakes: ${run.stderr || run.stdout.slice(-300)}`);
}

async function measure(ab, method, configFile, clientFile) {
  const child = fork(fileURLToPath(import.meta.url), ['serve', method, configFile], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  try {
    const { port } = await next();
    handshakes(ab, port, clientFile, WARM_UP);
    child.send('reset');
    const before = await next();
    handshakes(ab, port, clientFile, HANDSHAKES);
    child.send('report');
    const after = await next();
    return { us: median(after.times) * 1000, growthMb: (after.rss - before.rss) / 1e6 };
  } finally {
    child.kill();
  }
}

/** Rows for run.mjs: per method and client, the call's p50 and the server's growth over the handshakes. */
export async function peerCertificateBench() {
  const ab = spawnSync('sh', ['-c', 'command -v ab'], { encoding: 'utf8' }).stdout.trim();
  if (!ab) return [{ name: 'reading the client certificate', skipped: 'ab (apache2-utils) is not installed', goal: '-' }];
  const work = mkdtempSync(join(tmpdir(), 'certmapper-peer-certificate-bench-'));
  try {
    const pki = createPki(join(work, 'pki'));
    const read = (path) => readFileSync(path, 'utf8');
    const configFile = join(work, 'server.json');
    writeFileSync(configFile, JSON.stringify({ key: read(pki.server.key), cert: read(pki.files.serverChain), ca: read(pki.files.caBundle) }));
    const leafOnly = join(work, 'client-and-key.pem');
    writeFileSync(leafOnly, read(pki.client.pem) + read(pki.client.key));
    const clients = [
      ['certificate + issuing CA', pki.files.clientForAb],
      ['certificate alone', leafOnly],
    ];
    const rows = [];
    for (const [clientLabel, clientFile] of clients) {
      for (const [method, label] of METHODS) {
        const { us, growthMb } = await measure(ab, method, configFile, clientFile);
        rows.push({
          name: `reading the client certificate: ${label}, the client sends its ${clientLabel}`,
          unit: 'us', times: [us], goal: '-',
          detail: `p50 of ${HANDSHAKES} handshakes (ECDSA P-256); server grew ${growthMb.toFixed(0)} MB over them`,
        });
      }
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
