// The baseline of the gateway benchmark: the least a Node mTLS server can do for the same job.
// Same certificates as the gateway (server key + certificate + chain, CertificateRequest naming the
// root and the intermediate), per connection getPeerX509Certificate() and a SHA-256 Map lookup among
// 100,000 entries, then 200 with a small body (403 when the certificate is not in the Map).
// With `sameOutput`, it also puts out what the gateway must: the gateway's response headers
// (Last-Modified, X-Content-Type-Options) and body (a string: one chunk with the header), and one
// audit line per request (the gateway's fields, JSON, appended every 0.1 s), with the client's
// address and subject read once per connection. The gap to this one is the gateway's own cost.
// Run as its own process by gateway-bench.mjs:
//   node minimal-mtls-server.mjs CONFIG.json
//   (CONFIG: { port, key, cert, chain[], ca[], fingerprints, body, sameOutput?: { auditFile, lastModified } })
// It prints "listening on PORT" once ready and exits on SIGTERM.
import { createHash } from 'node:crypto';
import { appendFile, readFileSync } from 'node:fs';
import https from 'node:https';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const read = (path) => readFileSync(path, 'utf8');

// sha256 (hex, lowercase) -> account: the same 100,000 fingerprints the gateway maps.
const accounts = new Map(read(config.fingerprints).trim().split('\n').map((line) => line.split(' ')));
const same = config.sameOutput ?? null;
const body = same ? config.body : Buffer.from(config.body);
const headers = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Length': Buffer.byteLength(config.body),
  ...(same ? { 'Last-Modified': new Date(same.lastModified).toUTCString(), 'X-Content-Type-Options': 'nosniff' } : {}),
};
const ACCOUNT = Symbol('account');
const PEER = Symbol('peer');

let pending = [];
function audit(req, account, started) {
  const peer = req.socket[PEER];
  const micros = Math.round((performance.now() - started) * 1000);
  pending.push(JSON.stringify({
    time: new Date().toISOString(), site: 'Bench', path: req.url, client: peer.client, certificateSha256: peer.sha256, certificateSubject: peer.subject,
    status: account ? '200.0' : '403.7', account, decidedBy: account ? `one-to-one ${peer.sha256}` : null, failedStep: account ? null : 'mapping', micros,
  }));
}
if (same) {
  setInterval(() => {
    if (pending.length === 0) return;
    const lines = `${pending.join('\n')}\n`;
    pending = [];
    appendFile(same.auditFile, lines, () => undefined);
  }, 100).unref();
}

const server = https.createServer({
  key: read(config.key),
  cert: [read(config.cert), ...config.chain.map(read)].join('\n'),
  ca: config.ca.map(read),
  requestCert: true,
  rejectUnauthorized: false,
  // The gateway's minimum too (tls-material.ts); clients negotiate TLS 1.3 either way.
  minVersion: 'TLSv1.2',
});

server.on('secureConnection', (socket) => {
  const peer = socket.getPeerX509Certificate();
  const sha256 = peer ? createHash('sha256').update(peer.raw).digest('hex') : null;
  socket[ACCOUNT] = sha256 ? accounts.get(sha256) ?? null : null;
  if (same) socket[PEER] = { client: socket.remoteAddress, sha256, subject: peer?.subject ?? null };
});

server.on('request', (req, res) => {
  const started = same ? performance.now() : 0;
  const account = req.socket[ACCOUNT];
  if (same) audit(req, account, started);
  if (!account) {
    res.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': 9 });
    res.end('Forbidden');
    return;
  }
  res.writeHead(200, headers);
  res.end(body, 'latin1');
});

server.listen({ host: '127.0.0.1', port: config.port }, () => {
  console.log(`listening on ${server.address().port} (${accounts.size} fingerprints)`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
