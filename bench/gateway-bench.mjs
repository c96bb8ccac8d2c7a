// The gateway under load, side by side with a minimal Node mTLS server and (when installed) nginx,
// all three serving the same certificates and the same small page to the same client certificate:
// - full mTLS handshakes per second: `ab -E` (apache2-utils), one new connection and one full TLS 1.3
//   handshake per request (ab never resumes sessions; h2load cannot send a client certificate and
//   Node's https.Agent resumes sessions, see shared/docs/testing.md);
// - keep-alive requests per second: the same with `ab -k`.
// The servers run at the same time (idle ones cost nothing) and the load alternates between them,
// gateway, node, nginx, gateway, ..., for ROUNDS rounds of a fixed duration each; ratios are taken
// per round (A and B measured next to each other, which cancels the drift of these shared machines)
// and their median reported, next to each server's median rate. Then head to head (both servers
// pinned to one core and loaded at once, see headToHead): the gateway against the minimal server,
// and, for comparison only, against the minimal server made to put out the gateway's output
// (minimal-mtls-server.mjs `sameOutput`).
//
// Gateway: the real CLI prepares a data folder (server certificate + key, site, trust, account, one
// mapping and one rule), then config.json is grown to 100,000 one-to-one mappings and 1,000
// many-to-one mappings (written while nothing runs), then `certmapper serve --no-console`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ONE_TO_ONE = 100_000;
const MANY_TO_ONE = 1_000;
const BODY = '<!doctype html><title>bench</title><p>ok</p>\n';
/** The issue's goal: the gateway within 3% of the minimal Node server. */
const GOAL_RATIO = 0.97;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const which = (name) => {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/sbin']) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
};

// ---------------------------------------------------------------------------------------------
// PKI: root -> intermediate -> {server for 127.0.0.1, client}; ECDSA P-256 (test/helpers/test-pki.ts)

export function createPki(dir) {
  mkdirSync(dir, { recursive: true });
  const openssl = (args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const issue = (name, subject, extensions, issuer) => {
    const key = join(dir, `${name}.key`);
    const pem = join(dir, `${name}.pem`);
    const ext = join(dir, `${name}.ext`);
    // req -x509 -config needs a [req] section; x509 -extfile ignores it.
    writeFileSync(ext, `[ext]\n${extensions}\n[req]\ndistinguished_name=dn\n[dn]\n`);
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    if (issuer) {
      const csr = join(dir, `${name}.csr`);
      openssl(['req', '-new', '-key', key, '-subj', subject, '-out', csr]);
      openssl(['x509', '-req', '-in', csr, '-CA', issuer.pem, '-CAkey', issuer.key, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', ext, '-extensions', 'ext', '-out', pem]);
    } else {
      openssl(['req', '-x509', '-new', '-key', key, '-subj', subject, '-days', '30', '-sha256', '-config', ext, '-extensions', 'ext', '-out', pem]);
    }
    const x509 = new X509Certificate(readFileSync(pem));
    return {
      key,
      pem,
      sha256: createHash('sha256').update(x509.raw).digest('hex'),
      sha1: createHash('sha1').update(x509.raw).digest('hex'),
    };
  };
  const ca = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash';
  const root = issue('root', '/C=US/O=CertMapper Bench/CN=Bench Root CA', ca);
  const intermediate = issue('intermediate', '/C=US/O=CertMapper Bench/CN=Bench Issuing CA', `${ca}\nauthorityKeyIdentifier=keyid`, root);
  const server = issue('server', '/C=US/O=CertMapper Bench/CN=127.0.0.1',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1', intermediate);
  const client = issue('client', '/C=US/O=CertMapper Bench/OU=Staff/CN=Bench Client',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectAltName=email:client@bench.test', intermediate);
  const read = (path) => readFileSync(path, 'utf8');
  const files = {
    /** What the gateway imports: certificate and key in one PEM. */
    serverWithKey: join(dir, 'server-with-key.pem'),
    /** What nginx serves: the certificate and its intermediate (the gateway and the minimal server send the same). */
    serverChain: join(dir, 'server-chain.pem'),
    /** ab -E: the client certificate, its intermediate and its key, as a client with a PFX would send. */
    clientForAb: join(dir, 'client-chain-and-key.pem'),
    /** The CertificateRequest names and nginx's verification anchors: root + intermediate. */
    caBundle: join(dir, 'ca-bundle.pem'),
  };
  writeFileSync(files.serverWithKey, read(server.pem) + read(server.key));
  writeFileSync(files.serverChain, read(server.pem) + read(intermediate.pem));
  writeFileSync(files.clientForAb, read(client.pem) + read(intermediate.pem) + read(client.key));
  writeFileSync(files.caBundle, read(root.pem) + read(intermediate.pem));
  return { dir, root, intermediate, server, client, files };
}

// ---------------------------------------------------------------------------------------------
// Processes: every one we start is tracked and stopped, on success, on failure and on exit.

const started = new Set();

function track(child, name) {
  const entry = { child, name, exited: false };
  child.once('exit', () => (entry.exited = true));
  started.add(entry);
  return entry;
}

/** Resident memory of a process and its children, in MB (Linux /proc; null elsewhere). */
function residentMb(pid) {
  const rss = (p) => {
    try {
      const kb = readFileSync(`/proc/${p}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
      return kb ? Number(kb[1]) / 1024 : null;
    } catch {
      return null;
    }
  };
  const own = rss(pid);
  if (own === null) return null;
  const found = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  const children = (found.stdout ?? '').split('\n').filter(Boolean).map((child) => rss(Number(child))).filter((mb) => mb !== null);
  return { own, children };
}

async function stopProcess(entry, signal = 'SIGTERM') {
  if (!entry || entry.exited) return started.delete(entry);
  const gone = new Promise((resolve) => entry.child.once('exit', resolve));
  entry.child.kill(signal);
  const timer = setTimeout(() => entry.child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
  started.delete(entry);
}

/** Last resort (exit, Ctrl+C, SIGTERM): SIGTERM, not SIGKILL, so nginx's master takes its worker along. */
function killAllNow() {
  for (const entry of started) if (!entry.exited) entry.child.kill('SIGTERM');
}
process.once('exit', killAllNow);

/** Spawn a server and wait for `ready` on its output (or its exit, or a timeout). */
function startServer(name, command, args, ready, { timeoutMs = 120_000, cwd } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd });
  const entry = track(child, name);
  let out = '';
  entry.output = () => out;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready after ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk) => {
      out += chunk;
      if (out.length > 100_000) out = out.slice(-50_000);
      const bad = out.match(/cannot listen on [^\n]*/);
      if (bad) {
        clearTimeout(timer);
        reject(new Error(`${name}: ${bad[0]}`));
      } else if (ready.test(out)) {
        clearTimeout(timer);
        resolve(entry);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${name}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The gateway's data folder: the real CLI, then config.json grown to 100,000 + 1,000 mappings.

function runCli(cli, data, args) {
  const run = spawnSync(process.execPath, [cli, '--data', data, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`certmapper ${args.join(' ')} failed (${run.status}): ${run.stderr || run.stdout}`);
  return run.stdout;
}

export function prepareGatewayData({ cli, pki, data, content, port }) {
  const imported = JSON.parse(runCli(cli, data, ['cert', 'import', pki.files.serverWithKey, '--json']));
  const serverSha = imported[0]?.certificates?.[0]?.sha256;
  if (serverSha !== pki.server.sha256 || !imported[0].certificates[0].hasPrivateKey) throw new Error(`server certificate import: ${JSON.stringify(imported)}`);
  runCli(cli, data, ['site', 'add', 'Bench', '--bind', `https://127.0.0.1:${port}`, '--server-cert', serverSha, '--content', content]);
  runCli(cli, data, ['site', 'set', 'Bench', '--revocation', 'cached']);
  runCli(cli, data, ['site', 'trust', 'Bench', pki.root.pem, pki.intermediate.pem]);
  runCli(cli, data, ['account', 'add', 'bench']);
  // The client's own one-to-one mapping and one many-to-one rule through the CLI: templates for the rest.
  runCli(cli, data, ['map', 'add', '--site', 'Bench', '--cert', pki.client.pem, '--account', 'bench']);
  runCli(cli, data, ['rule', 'add', '--site', 'Bench', '--name', 'rule 1', '--allow', '--account', 'bench', '--match', 'subject.OU=Team-1-*']);

  const configPath = join(data, 'config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  const site = Object.values(config.sites).find((s) => s.name === 'Bench');
  if (!site || site.oneToOne.length !== 1 || site.manyToOne.length !== 1) throw new Error(`unexpected config.json from the CLI: ${JSON.stringify(site)}`);
  const [clientMapping] = site.oneToOne;
  const [ruleTemplate] = site.manyToOne;
  if (clientMapping.certificateSha256 !== pki.client.sha256) throw new Error('the CLI mapped another certificate than the client');

  // 99,999 other certificates, the client's in the middle (a Map lookup does not care where; what-if's
  // list order and the document stay realistic).
  const others = Array.from({ length: ONE_TO_ONE - 1 }, (_, i) => ({
    ...clientMapping,
    id: randomUUID(),
    certificateSha256: randomBytes(32).toString('hex'),
    subject: `CN=user${i}@bench.test, OU=Team-${i % 997}, O=CertMapper Bench, C=US`,
    account: 'bench',
  }));
  const middle = Math.floor(others.length / 2);
  site.oneToOne = [...others.slice(0, middle), clientMapping, ...others.slice(middle)];
  // 999 rules that miss this client, then one that would match it (subject.OU=Staff). The client is
  // decided by its one-to-one mapping (one-to-one beats many-to-one), so the rules are what an
  // unmapped certificate would walk, and part of the snapshot's size; none runs for this client.
  site.manyToOne = Array.from({ length: MANY_TO_ONE }, (_, i) => ({
    ...ruleTemplate,
    id: randomUUID(),
    name: `rule ${i + 1}`,
    rules: [{ field: 'subject.OU', pattern: i === MANY_TO_ONE - 1 ? 'Staff' : `Team-${i + 1}-*`, caseSensitive: true }],
  }));
  writeFileSync(configPath, JSON.stringify(config));
  return { siteId: site.id, fingerprints: site.oneToOne.map((m) => m.certificateSha256) };
}

// ---------------------------------------------------------------------------------------------
// nginx: 1 worker, ssl_verify_client on, a 100,000-entry map of $ssl_client_fingerprint (SHA-1:
// nginx has no SHA-256 fingerprint variable), 200 with the same body if mapped, 403 otherwise.

function nginxConfig({ dir, port, pki }) {
  const entries = [];
  for (let i = 1; i < ONE_TO_ONE; i++) entries.push(`    ${randomBytes(20).toString('hex')} u${i};`);
  // The client's entry in the middle, as for the gateway.
  entries.splice(Math.floor(entries.length / 2), 0, `    ${pki.client.sha1} bench;`);
  writeFileSync(join(dir, 'fingerprints.map'), `${entries.join('\n')}\n`);
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { recursive: true });
  const conf = `worker_processes 1;
error_log ${join(dir, 'error.log')} warn;
pid ${join(dir, 'nginx.pid')};
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  default_type text/html;
  # The default (1000) would close keep-alive connections and add handshakes; Node has no limit.
  keepalive_requests 10000000;
  map_hash_max_size 262144;
  map_hash_bucket_size 128;
  map $ssl_client_fingerprint $account {
    default "";
    include ${join(dir, 'fingerprints.map')};
  }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${pki.files.serverChain};
    ssl_certificate_key ${pki.server.key};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_client_certificate ${pki.files.caBundle};
    ssl_verify_client on;
    ssl_verify_depth 3;
    location / {
      if ($account = "") { return 403; }
      return 200 ${JSON.stringify(BODY)};
    }
  }
}
`;
  const path = join(dir, 'nginx.conf');
  writeFileSync(path, conf);
  return path;
}

/** nginx -g 'daemon off;' prints nothing when ready: poll the port. */
async function startNginx({ nginx, dir, conf, port }) {
  const test = spawnSync(nginx, ['-t', '-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`);
  const child = spawn(nginx, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = track(child, 'nginx');
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  for (let i = 0; i < 200; i++) {
    if (entry.exited) throw new Error(`nginx exited: ${out}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return entry;
    await sleep(50);
  }
  throw new Error('nginx did not open its port within 10 s');
}

// ---------------------------------------------------------------------------------------------
// Checks and load

/** One full handshake with the client certificate (no agent: no session reuse): status and body. */
function probe(port, pki) {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port, path: '/', method: 'GET', agent: false,
      key: readFileSync(pki.client.key), cert: readFileSync(pki.client.pem) + readFileSync(pki.intermediate.pem), ca: readFileSync(pki.root.pem),
    }, (res) => {
      const protocol = res.socket.getProtocol?.() ?? null;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body, protocol }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('probe timed out')));
    req.once('error', reject);
    req.end();
  });
}

/** One ab run of `seconds`; the rate, or why there is none (non-2xx answers, failures, ab errors). */
function runAb({ ab, pki, port, keepAlive, concurrency, seconds, cpu = null }) {
  const args = ['-q', '-r', '-S', '-d', '-t', String(seconds), '-n', String(keepAlive ? 2_000_000 : 200_000), '-c', String(concurrency), '-E', pki.files.clientForAb];
  if (keepAlive) args.push('-k');
  args.push(`https://127.0.0.1:${port}/`);
  return new Promise((resolve) => {
    const child = cpu === null ? spawn(ab, args, { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn('taskset', ['-c', String(cpu), ab, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = track(child, 'ab');
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => {
      started.delete(entry);
      const number = (label) => {
        const m = out.match(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm'));
        return m ? Number(m[1]) : null;
      };
      const complete = number('Complete requests') ?? 0;
      const failed = number('Failed requests') ?? 0;
      const non2xx = number('Non-2xx responses') ?? 0;
      const rate = number('Requests per second');
      const protocol = out.match(/^SSL\/TLS Protocol:\s+(\S+)/m)?.[1] ?? null;
      const keptAlive = number('Keep-Alive requests');
      let error = null;
      if (code !== 0 || rate === null) error = `ab failed (exit ${code}): ${out.trim().split('\n').slice(-3).join(' / ')}`;
      else if (complete === 0) error = 'no request completed';
      else if (non2xx > 0) error = `NON-2XX ANSWERS: ${non2xx} of ${complete} requests were refused or failed`;
      else if (failed > complete * 0.001) error = `FAILED REQUESTS: ${failed} of ${complete}`;
      else if (keepAlive && (keptAlive ?? 0) < complete * 0.99) error = `NOT KEPT ALIVE: only ${keptAlive ?? 0} of ${complete} requests reused a connection`;
      resolve({ rate: error ? null : rate, error, complete, failed, protocol, keptAlive });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Head to head: alternating runs on these shared VMs swing by 10-20% from one run to the next, far
// more than the 3% the goal is about. Loading two servers at the same moment cancels that drift:
// both pinned (every thread) to CPU 0, each loaded by its own `ab -k` pinned to CPU 1, and the
// ratio of the requests each answered in the same seconds. Two copies of one server give 0.99-1.01
// this way. Both servers then share one core, so this ratio is the one of their CPU cost per
// request, caches shared included; the alternating rounds give each server the machine alone.

/** `pid` and its descendants (the gateway is a child process of `certmapper serve`), from /proc. */
function processTree(pid) {
  const parentOf = (entry) => {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return null; // ended meanwhile
    }
  };
  const children = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && parentOf(entry) === pid).map(Number);
  return [pid, ...children.flatMap(processTree)];
}

/** Every thread of `pid` and of its descendants on these CPUs (taskset's list syntax); false when taskset is missing or refused. */
function pinProcess(pid, cpus) {
  return processTree(pid).every((p) => spawnSync('taskset', ['-a', '-p', '-c', cpus, String(p)], { stdio: 'ignore' }).status === 0);
}

/** `modes`: [{ key, label, keepAlive, concurrency }], each run for `rounds` rounds while both servers stay pinned. */
async function headToHead({ ab, pki, a, b, rounds, seconds, modes, log }) {
  const cpus = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim());
  const skippedAll = (why) => Object.fromEntries(modes.map((mode) => [mode.key, { skipped: why }]));
  if (!(cpus >= 2) || !which('taskset')) return skippedAll('needs taskset and two CPUs');
  const all = `0-${cpus - 1}`;
  if (!pinProcess(a.process.child.pid, '0') || !pinProcess(b.process.child.pid, '0')) return skippedAll('taskset could not pin the servers');
  try {
    const results = {};
    for (const mode of modes) {
      const ratios = [];
      for (let round = 1; round <= rounds; round++) {
        const load = (server) => runAb({ ab, pki, port: server.port, keepAlive: mode.keepAlive, concurrency: mode.concurrency, seconds, cpu: 1 });
        const [ra, rb] = await Promise.all([load(a), load(b)]);
        if (ra.error || rb.error) {
          results[mode.key] = { error: `${a.key}: ${ra.error ?? 'ok'}; ${b.key}: ${rb.error ?? 'ok'}` };
          break;
        }
        ratios.push(ra.complete / rb.complete);
        log(`head to head ${round}/${rounds} ${mode.label} ${a.key} ${ra.complete} ${b.key} ${rb.complete} ratio ${(ra.complete / rb.complete).toFixed(3)}`);
      }
      results[mode.key] ??= { ratios };
    }
    return results;
  } finally {
    pinProcess(a.process.child.pid, all);
    pinProcess(b.process.child.pid, all);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Run the whole comparison. Returns { rows, rates, notes }: rows for run.mjs's main table (the
 * gateway/minimal ratios against the goal), rates for the second table.
 */
export async function gatewayBench({
  cli,
  rounds = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 5),
  seconds = Number(process.env.BENCH_GATEWAY_SECONDS ?? 3),
  handshakeConcurrency = 8,
  keepAliveConcurrency = 32,
  headToHeadRounds = Number(process.env.BENCH_GATEWAY_HEAD_TO_HEAD_ROUNDS ?? 8),
  headToHeadSeconds = 4,
  log = (line) => console.error(`[gateway bench] ${line}`),
} = {}) {
  const ab = which('ab');
  const nginx = which('nginx');
  const notes = [];
  if (!ab) {
    const why = 'ab (apache2-utils) is not installed: gateway load skipped (apt-get install -y apache2-utils)';
    log(why);
    return {
      rows: [{ name: 'gateway load (ab -E, full handshakes and keep-alive)', skipped: why, goal: `>= ${GOAL_RATIO} x minimal Node` }],
      rates: null,
      notes: [why],
    };
  }
  if (!nginx) notes.push('nginx is not installed: the nginx column is skipped (apt-get install -y nginx)');

  const work = mkdtempSync(join(tmpdir(), 'certmapper-gateway-bench-'));
  const onSignal = (signal) => {
    killAllNow();
    rmSync(work, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const t0 = performance.now();
  try {
    log(`PKI and data folder in ${work}`);
    const pki = createPki(join(work, 'pki'));
    const content = join(work, 'content');
    mkdirSync(content);
    writeFileSync(join(content, 'index.html'), BODY);
    const data = join(work, 'data');
    const ports = { gateway: await freePort(), node: await freePort(), nginx: await freePort(), sameOutput: await freePort() };
    const { fingerprints } = prepareGatewayData({ cli, pki, data, content, port: ports.gateway });
    log(`data folder ready (${((performance.now() - t0) / 1000).toFixed(1)} s): ${fingerprints.length} one-to-one, ${MANY_TO_ONE} many-to-one`);

    // The minimal server gets the same 100,000 SHA-256 fingerprints.
    const fingerprintFile = join(work, 'fingerprints.txt');
    writeFileSync(fingerprintFile, fingerprints.map((sha) => `${sha} ${sha === pki.client.sha256 ? 'bench' : 'other'}`).join('\n'));
    const minimalConfig = join(work, 'minimal.json');
    // BENCH_MINIMAL_READ=x509: the baseline as it read the certificate until 2026-12-03 (minimal-mtls-server.mjs).
    const minimalRead = process.env.BENCH_MINIMAL_READ === 'x509' ? 'x509' : 'leaf';
    const minimal = {
      port: ports.node, key: pki.server.key, cert: pki.server.pem, chain: [pki.intermediate.pem], ca: [pki.root.pem, pki.intermediate.pem], fingerprints: fingerprintFile, body: BODY, read: minimalRead,
    };
    notes.push(`minimal Node server: the client certificate read with ${minimalRead === 'x509' ? 'getPeerX509Certificate() (BENCH_MINIMAL_READ=x509)' : 'getPeerCertificate(false), the leaf alone, as the gateway reads it'}`);
    writeFileSync(minimalConfig, JSON.stringify(minimal));
    // The same minimal server putting out what the gateway must (its headers, body and audit line):
    // not the issue's baseline, a measure of what the gateway's own code costs on top of its output.
    const sameOutputConfig = join(work, 'minimal-same-output.json');
    writeFileSync(sameOutputConfig, JSON.stringify({
      ...minimal, port: ports.sameOutput, sameOutput: { auditFile: join(work, 'minimal-audit.log'), lastModified: statSync(join(content, 'index.html')).mtimeMs },
    }));

    const servers = [];
    const gatewayStart = performance.now();
    servers.push({
      key: 'gateway', label: 'CertMapper gateway', port: ports.gateway,
      process: await startServer('gateway', process.execPath, [cli, '--data', data, 'serve', '--no-console', '--no-default-site'], /listening on https:/),
    });
    const gatewayReadyMs = performance.now() - gatewayStart;
    log(`gateway listening after ${(gatewayReadyMs / 1000).toFixed(1)} s`);
    servers.push({
      key: 'node', label: 'minimal Node mTLS server', port: ports.node,
      process: await startServer('minimal Node mTLS server', process.execPath, [join(HERE, 'minimal-mtls-server.mjs'), minimalConfig], /listening on/),
    });
    if (nginx) {
      const dir = join(work, 'nginx');
      mkdirSync(dir);
      const conf = nginxConfig({ dir, port: ports.nginx, pki });
      servers.push({ key: 'nginx', label: 'nginx (1 worker)', port: ports.nginx, process: await startNginx({ nginx, dir, conf, port: ports.nginx }) });
    }

    const sameOutputServer = {
      key: 'same-output', label: 'minimal Node mTLS server, same output as the gateway', port: ports.sameOutput,
      process: await startServer('minimal Node mTLS server (same output)', process.execPath, [join(HERE, 'minimal-mtls-server.mjs'), sameOutputConfig], /listening on/),
    };

    // Every server must authorize the client before anything is measured.
    for (const server of [...servers, sameOutputServer]) {
      const answer = await probe(server.port, pki);
      if (answer.status !== 200 || answer.body !== BODY) throw new Error(`${server.label} answered ${answer.status} to the mapped client: ${answer.body.slice(0, 300)}`);
      server.protocol = answer.protocol;
    }
    // Server side: the gateway's audit log says who it let in, and by which mapping.
    await sleep(500);
    const auditPath = join(data, 'audit', 'audit.log');
    const lastAudit = existsSync(auditPath) ? readFileSync(auditPath, 'utf8').trim().split('\n').at(-1) : null;
    const audit = lastAudit ? JSON.parse(lastAudit) : null;
    if (!audit || audit.status !== '200.0' || audit.account !== 'bench') throw new Error(`gateway audit log does not show the client allowed: ${lastAudit}`);
    notes.push(`gateway: ${fingerprints.length.toLocaleString('en')} one-to-one + ${MANY_TO_ONE.toLocaleString('en')} many-to-one mappings, listening ${(gatewayReadyMs / 1000).toFixed(1)} s after start; audit of the probe: ${audit.status} ${audit.account}, ${audit.decidedBy}, ${audit.micros} us`);

    // Warm-up (JIT, caches), then the measured rounds, alternating servers.
    const modes = [
      { key: 'handshakes', label: 'full mTLS handshakes/s', keepAlive: false, concurrency: handshakeConcurrency },
      { key: 'keepAlive', label: 'keep-alive requests/s', keepAlive: true, concurrency: keepAliveConcurrency },
    ];
    for (const server of servers) {
      for (const mode of modes) await runAb({ ab, pki, port: server.port, keepAlive: mode.keepAlive, concurrency: mode.concurrency, seconds: 1 });
    }
    const results = Object.fromEntries(servers.map((s) => [s.key, { handshakes: [], keepAlive: [], errors: [], protocols: new Set() }]));
    for (let round = 1; round <= rounds; round++) {
      for (const mode of modes) {
        for (const server of servers) {
          if (server.process.exited) throw new Error(`${server.label} died during the run:\n${server.process.output?.() ?? ''}`);
          const run = await runAb({ ab, pki, port: server.port, keepAlive: mode.keepAlive, concurrency: mode.concurrency, seconds });
          const r = results[server.key];
          r[mode.key].push(run.rate);
          if (run.error) r.errors.push(`${mode.label}, round ${round}: ${run.error}`);
          if (run.protocol) r.protocols.add(run.protocol);
          log(`round ${round}/${rounds} ${mode.label.padEnd(23)} ${server.key.padEnd(7)} ${run.rate === null ? run.error : run.rate.toFixed(0)}`);
        }
      }
    }

    // Per-round ratios (null where either side has no rate).
    const ratios = (a, b, mode) => results[a][mode].map((x, i) => (x !== null && results[b]?.[mode][i] != null ? x / results[b][mode][i] : null)).filter((x) => x !== null);
    const summary = (xs) => {
      const ok = xs.filter((x) => x !== null);
      return ok.length ? { median: median(ok), min: Math.min(...ok), max: Math.max(...ok), runs: ok.length, values: ok } : null;
    };
    const rates = {
      seconds,
      rounds,
      concurrency: { handshakes: handshakeConcurrency, keepAlive: keepAliveConcurrency },
      servers: servers.map((s) => ({
        key: s.key,
        label: s.label,
        protocol: [...results[s.key].protocols].join(', ') || s.protocol,
        handshakes: summary(results[s.key].handshakes),
        keepAlive: summary(results[s.key].keepAlive),
        errors: results[s.key].errors,
      })),
      ratios: [
        ['gateway', 'node', 'gateway / minimal Node'],
        ['node', 'nginx', 'minimal Node / nginx'],
        ['gateway', 'nginx', 'gateway / nginx'],
      ]
        .filter(([a, b]) => results[a] && results[b])
        .map(([a, b, label]) => ({ label, handshakes: summary(ratios(a, b, 'handshakes')), keepAlive: summary(ratios(a, b, 'keepAlive')) })),
    };

    const rows = modes.map((mode) => {
      const gw = rates.servers.find((s) => s.key === 'gateway');
      const nd = rates.servers.find((s) => s.key === 'node');
      const ratio = rates.ratios[0][mode.key];
      const errors = gw.errors.filter((e) => e.startsWith(mode.label));
      const name = `gateway / minimal Node: ${mode.label} (ab${mode.keepAlive ? ' -k' : ''} -c ${mode.concurrency}, ${seconds} s runs)`;
      const goal = `>= ${GOAL_RATIO}`;
      if (errors.length) return { name, failed: `**${errors.join('; ')}**`, goal };
      if (!ratio) return { name, failed: `**no rate: ${nd.errors.join('; ') || 'minimal server failed'}**`, goal };
      const met = ratio.median >= GOAL_RATIO ? 'goal met' : '**goal missed**';
      return {
        name, unit: 'ratio', times: ratio.values, goal,
        detail: `${met}; gateway ${gw[mode.key].median.toFixed(0)}/s, minimal Node ${nd[mode.key].median.toFixed(0)}/s (medians; ratio per round)`,
      };
    });
    const gatewayServer = servers.find((s) => s.key === 'gateway');
    const nodeServer = servers.find((s) => s.key === 'node');
    // Handshakes first: each costs the client a signature too, and two ab -c 4 on one core still
    // leave it idle part of the time, so the servers' core is what limits both.
    const duelModes = [
      { key: 'handshakes', label: 'full handshakes', keepAlive: false, concurrency: 4, name: 'full mTLS handshakes (new connection per request, ab -c 4 each)' },
      { key: 'keepAlive', label: 'keep-alive', keepAlive: true, concurrency: 16, name: 'keep-alive requests (ab -k -c 16 each)' },
    ];
    const duels = await headToHead({ ab, pki, a: gatewayServer, b: nodeServer, rounds: headToHeadRounds, seconds: headToHeadSeconds, modes: duelModes, log });
    for (const mode of duelModes) {
      const duel = duels[mode.key];
      const duelName = `gateway / minimal Node: ${mode.name}, head to head on one core (both loaded at once, ${headToHeadSeconds} s runs)`;
      if (duel.ratios) {
        const duelMedian = median(duel.ratios);
        rows.push({ name: duelName, unit: 'ratio', times: duel.ratios, goal: `>= ${GOAL_RATIO}`, detail: `${duelMedian >= GOAL_RATIO ? 'goal met' : '**goal missed**'}; requests answered in the same seconds, per round` });
      } else if (duel.error) {
        rows.push({ name: duelName, failed: `**${duel.error}**`, goal: `>= ${GOAL_RATIO}` });
      } else {
        rows.push({ name: duelName, skipped: duel.skipped, goal: `>= ${GOAL_RATIO}` });
      }
    }
    // Not the issue's goal: how far the gateway is from its own output, made by the least code.
    const sameOutputDuels = await headToHead({ ab, pki, a: gatewayServer, b: sameOutputServer, rounds: headToHeadRounds, seconds: headToHeadSeconds, modes: duelModes, log });
    for (const mode of duelModes) {
      const duel = sameOutputDuels[mode.key];
      const name = `gateway / minimal Node with the gateway's output (headers, body, audit line): ${mode.name}, head to head`;
      if (duel.ratios) rows.push({ name, unit: 'ratio', times: duel.ratios, goal: '(for comparison)', detail: 'what the gateway costs beyond its output' });
      else rows.push({ name, ...(duel.error ? { failed: `**${duel.error}**` } : { skipped: duel.skipped }), goal: '(for comparison)' });
    }
    const gatewayMemory = residentMb(gatewayServer.process.child.pid);
    const minimalMemory = residentMb(nodeServer.process.child.pid);
    if (gatewayMemory && minimalMemory) {
      const gatewayProcess = gatewayMemory.children.map((mb) => `${mb.toFixed(0)} MB`).join(' + ') || 'not found';
      notes.push(`memory after the runs (RSS): gateway process ${gatewayProcess} (its parent, certmapper serve: ${gatewayMemory.own.toFixed(0)} MB), minimal Node server ${minimalMemory.own.toFixed(0)} MB`);
    }
    notes.push(`load: ab ${ab}, ${rounds} rounds x ${servers.length} servers x 2 modes of ${seconds} s each, alternating; TLS ${rates.servers.map((s) => `${s.key} ${s.protocol}`).join(', ')}`);
    notes.push(`nginx maps $ssl_client_fingerprint, which is SHA-1 (no SHA-256 variable); the gateway and the minimal server map SHA-256 of the DER`);
    log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return { rows, rates, notes };
  } finally {
    for (const entry of [...started]) await stopProcess(entry);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rmSync(work, { recursive: true, force: true });
  }
}

/** The second table: every server's median rates, and the ratios (medians of per-round ratios). */
export function formatGatewayTable(result) {
  if (!result?.rates) return (result?.notes ?? []).map((n) => `- ${n}`).join('\n');
  const { rates, notes } = result;
  const cell = (s, digits = 0) => (s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})` : 'no rate');
  const lines = [
    `| gateway load, ${rates.rounds} alternating rounds | full mTLS handshakes/s (ab -c ${rates.concurrency.handshakes}) | keep-alive requests/s (ab -k -c ${rates.concurrency.keepAlive}) | TLS |`,
    '|---|---:|---:|---|',
  ];
  for (const s of rates.servers) {
    lines.push(`| ${s.label} | ${cell(s.handshakes)} | ${cell(s.keepAlive)} | ${s.protocol ?? ''} |`);
  }
  for (const r of rates.ratios) lines.push(`| ratio ${r.label} | ${cell(r.handshakes, 2)} | ${cell(r.keepAlive, 2)} | per round |`);
  const errors = rates.servers.flatMap((s) => s.errors.map((e) => `${s.label}: ${e}`));
  lines.push('', 'Rates: median (min-max) of the rounds. Ratios: median (min-max) of the per-round ratios (both servers measured back to back).');
  for (const e of errors) lines.push(`- **${e}**`);
  for (const n of notes) lines.push(`- ${n}`);
  return lines.join('\n');
}
