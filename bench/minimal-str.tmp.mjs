// The baseline of the gateway benchmark: the least a Node mTLS server can do for the same job.
// Same certificates as the gateway (server key + certificate + chain, CertificateRequest naming the
// root and the intermediate), per connection getPeerX509Certificate() and a SHA-256 Map lookup among
// 100,000 entries, then 200 with a small body (403 when the certificate is not in the Map).
// Run as its own process by gateway-bench.mjs:
//   node minimal-mtls-server.mjs CONFIG.json   (CONFIG: { port, key, cert, chain[], ca[], fingerprints, body })
// It prints "listening on PORT" once ready and exits on SIGTERM.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const read = (path) => readFileSync(path, 'utf8');

// sha256 (hex, lowercase) -> account: the same 100,000 fingerprints the gateway maps.
const accounts = new Map(read(config.fingerprints).trim().split('\n').map((line) => line.split(' ')));
const body = Buffer.from(config.body).toString('latin1');
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

server.on('secureConnection', (socket) => {
  const peer = socket.getPeerX509Certificate();
  socket[ACCOUNT] = peer ? accounts.get(createHash('sha256').update(peer.raw).digest('hex')) ?? null : null;
});

server.on('request', (req, res) => {
  if (!req.socket[ACCOUNT]) {
    res.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': 9 });
    res.end('Forbidden');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
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
