// From `certmapper ca revoke` to the running gateway's 403.13, with real processes: `certmapper serve`
// (no console) on a fresh data folder whose local authority issued and mapped N client certificates;
// for each, a Node TLS client presenting its PKCS#12 asks again and again (a new connection each
// time, so each request is a new identity) while `ca revoke` runs in another process. Measured:
// from the revocation being written (certificates.json's mtime, where the CRL the gateway follows
// lands) to the first 403.13, and from starting the command to it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

const PASSWORD = 'bench pfx password';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function request(port, context) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: '/', agent: false, secureContext: context }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, substatus: res.headers['x-certmapper-status'] ?? null, at: performance.timeOrigin + performance.now() }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function authorityRevokeBench({ cli, users = 5, log = (line) => console.error(`[authority bench] ${line}`) }) {
  const work = mkdtempSync(join(tmpdir(), 'certmapper-revoke-bench-'));
  const data = join(work, 'data');
  const run = (...args) => {
    const result = spawnSync(process.execPath, [cli, '--data', data, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`certmapper ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  let serve;
  try {
    const sitePort = await freePort();
    const info = JSON.parse(run('ca', 'init', '--name', 'Bench Authority', '--crl-url', `http://127.0.0.1:${await freePort()}/crl/bench.crl`, '--json'));
    run('cert', 'export', info.root.sha256, '--format', 'pem', '--out', join(work, 'root.pem'));
    execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-out', 'server.csr'], { cwd: work, stdio: 'ignore' });
    const serverSha256 = run('ca', 'sign', join(work, 'server.csr'), '--profile', 'server', '--out', join(work, 'server.pem')).split('\n')[0];
    writeFileSync(join(work, 'server-with-key.pem'), readFileSync(join(work, 'server.pem'), 'utf8') + readFileSync(join(work, 'server.key'), 'utf8'));
    run('cert', 'import', join(work, 'server-with-key.pem'), '--store', 'server');
    writeFileSync(join(work, 'index.html'), 'ok\n');
    run('site', 'add', 'Bench', '--bind', `https://127.0.0.1:${sitePort}`, '--server-cert', serverSha256, '--content', work);
    const issued = [];
    for (let i = 0; i < users; i++) {
      run('account', 'add', `user${i}`);
      const pfx = join(work, `user${i}.pfx`);
      const result = JSON.parse(run('ca', 'issue', '--account', `user${i}`, '--out', pfx, '--password', PASSWORD, '--map-site', 'Bench', '--json'));
      // The client trusts the authority's root for the gateway's certificate (which the authority signed too).
      issued.push({ sha256: result.sha256, context: tls.createSecureContext({ pfx: readFileSync(pfx), passphrase: PASSWORD, ca: readFileSync(join(work, 'root.pem')) }) });
    }

    serve = spawn(process.execPath, [cli, '--data', data, 'serve', '--no-console'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not listen in 20 s: ${output}`)), 20_000);
      serve.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
    });

    const fromWrite = [];
    const fromCommand = [];
    for (const user of issued) {
      const before = await request(sitePort, user.context);
      if (before.status !== 200) throw new Error(`expected 200 before the revocation, got ${before.status} ${before.substatus}`);
      const started = performance.timeOrigin + performance.now();
      const revoke = spawn(process.execPath, [cli, '--data', data, 'ca', 'revoke', user.sha256, '--reason', 'keyCompromise'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => revoke.once('exit', resolve));
      let answer = await request(sitePort, user.context);
      while (answer.substatus !== '403.13' && answer.at - started < 20_000) answer = await request(sitePort, user.context);
      if ((await exited) !== 0) throw new Error('ca revoke failed');
      if (answer.substatus !== '403.13') throw new Error(`no 403.13 within 20 s (last: ${answer.status} ${answer.substatus})`);
      const written = statSync(join(data, 'certificates.json')).mtimeMs;
      fromWrite.push(answer.at - written);
      fromCommand.push(answer.at - started);
      log(`revoked: 403.13 ${(answer.at - written).toFixed(0)} ms after the CRL was written, ${(answer.at - started).toFixed(0)} ms after ca revoke started`);
    }
    return [
      { name: 'local authority: revocation written -> running gateway answers 403.13', times: fromWrite, goal: '< 1000 ms', detail: `${users} revocations; the CLI in another process, serve follows certificates.json` },
      { name: 'local authority: `ca revoke` started -> 403.13 (includes the CLI process start)', times: fromCommand, goal: '-' },
    ];
  } finally {
    if (serve && serve.exitCode === null) {
      const exited = new Promise((resolve) => serve.once('exit', resolve));
      serve.kill('SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  }
}
