// The baseline of the gateway benchmark: the least a Node mTLS server can do for the same job.
// Same certificates as the gateway (server key + certificate + chain, CertificateRequest naming the
// root and the intermediate), per connection the client's certificate as DER and a SHA-256 Map
// lookup among 100,000 entries, then 200 with a small body (403 when the certificate is not in the Map).
//
// `read` is how it reads the client's certificate:
// - 'leaf' (default): getPeerCertificate(false).raw, the leaf alone: the cheapest way Node has when
//   the client also sends its chain, as clients do (the gateway reads it so too).
// - 'x509': getPeerX509Certificate().raw, the baseline until 2026-12-03. With a chain sent, Node 20
//   copies every chain certificate for it (about 150 us a handshake against 60 us, and the process
//   grows by tens of MB over a few thousand handshakes), so that server is slower than it need be.
//
// With `sameOutput`, it also puts out what the gateway must: the gateway's response headers
// (Last-Modified, X-Content-Type-Options) and body (a string: one chunk with the header), and one
// audit line per request (the gateway's fields, JSON, appended every 0.1 s), with the client's
// address and subject read once per connection. The gap to this one is the gateway's own cost.
//
// Run as its own process by gateway-bench.mjs:
//   node minimal-mtls-server.mjs CONFIG.json
//   (CONFIG: { port, key, cert, chain[], ca[], fingerprints, body, read?, sameOutput?: { auditFile, lastModified } })
// It prints "listening on PORT" once ready and exits on SIGTERM.
import { createHash } from 'node:crypto';
import { appendFile, readFileSync } from 'node:fs';
import https from 'node:https';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const read = (path) => readFileSync(path, 'utf8');

// sha256 (hex, lowercase) -> account: the same 100,000 fingerprints the gateway maps.
const accounts = new Map(read(config.fingerprints).trim().split('\n').map((line) => line.split(' ')));
const body = Buffer.from(config.body);
const readX509 = config.read === 'x509';
const same = config.sameOutput ?? null;
const ACCOUNT = Symbol('account');

const server = https.createServer({
  key: read(config.key),
  cert: [read(config.cert), ...config.chain.map(read)].join('\n'),
  ca: config.ca.map(read),
  requestCert: true,
  rejectUnauthorized: false,
  // The gateway's minimum too (tls-material.ts); clients negotiate TLS 1.3 either way.
  minVersion: 'TLSv1.2',
});

if (same) {
  sameOutput();
} else {
  server.on('secureConnection', (socket) => {
    const der = readX509 ? socket.getPeerX509Certificate()?.raw : socket.getPeerCertificate(false)?.raw;
    socket[ACCOUNT] = der ? accounts.get(createHash('sha256').update(der).digest('hex')) ?? null : null;
  });
  server.on('request', (req, res) => {
    if (!req.socket[ACCOUNT]) {
      res.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': 9 });
      res.end('Forbidden');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
}

/** The same job with the gateway's output: its headers and string body, and an audit line per request. */
function sameOutput() {
  const PEER = Symbol('peer');
  const lastModified = new Date(same.lastModified).toUTCString();
  let pending = [];
  setInterval(() => {
    if (pending.length === 0) return;
    const lines = `${pending.join('\n')}\n`;
    pending = [];
    appendFile(same.auditFile, lines, () => undefined);
  }, 100).unref();

  server.on('secureConnection', (socket) => {
    const peer = socket.getPeerCertificate(false);
    const sha256 = peer?.raw ? createHash('sha256').update(peer.raw).digest('hex') : null;
    const subject = peer?.subject ? Object.entries(peer.subject).map(([k, v]) => `${k}=${v}`).join(', ') : null;
    socket[ACCOUNT] = sha256 ? accounts.get(sha256) ?? null : null;
    socket[PEER] = { client: socket.remoteAddress, sha256, subject };
  });
  server.on('request', (req, res) => {
    const started = performance.now();
    const account = req.socket[ACCOUNT];
    const peer = req.socket[PEER];
    pending.push(JSON.stringify({
      time: new Date().toISOString(), site: 'Bench', path: req.url, client: peer.client, certificateSha256: peer.sha256, certificateSubject: peer.subject,
      status: account ? '200.0' : '403.7', account, decidedBy: account ? `one-to-one ${peer.sha256}` : null, failedStep: account ? null : 'mapping',
      micros: Math.round((performance.now() - started) * 1000),
    }));
    if (!account) {
      res.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': 9 });
      res.end('Forbidden');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Last-Modified': lastModified, 'X-Content-Type-Options': 'nosniff' });
    res.end(config.body, 'latin1');
  });
}

server.listen({ host: '127.0.0.1', port: config.port }, () => {
  console.log(`listening on ${server.address().port} (${accounts.size} fingerprints, certificate read: ${same || !readX509 ? 'leaf' : 'x509'})`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
