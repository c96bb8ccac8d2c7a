// Key generation per algorithm (what "Create Certificate Request" and the local authority wait for),
// and writing one PKCS#12: run by `npm run bench` through vite-node; one JSON line per measure with
// every run's time in milliseconds. RSA runs fewer times: one RSA 4096 key takes about a second.
import 'reflect-metadata';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KEY_ALGORITHMS, type KeyAlgorithm } from '../shared/models/key';
import { generateKeyPair } from '../main/services/keys/key-generation';
import { writePkcs12 } from '../main/services/keys/pkcs12-writer';
import { createTestPki } from '../test/helpers/test-pki';
import { makeTempDir } from '../test/helpers/temp-dir';

const RUNS: Record<KeyAlgorithm, number> = { 'ec-p256': 41, 'ec-p384': 41, ed25519: 41, 'rsa-2048': 15, 'rsa-3072': 9, 'rsa-4096': 7 };

async function time(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

for (const algorithm of KEY_ALGORITHMS) {
  await generateKeyPair(algorithm); // warm-up: first use loads the provider
  const times: number[] = [];
  for (let i = 0; i < RUNS[algorithm]; i++) times.push(await time(() => generateKeyPair(algorithm)));
  console.log(JSON.stringify({ measure: 'keygen', algorithm, times }));
}

const dir = makeTempDir('certmapper-bench-p12-');
try {
  const pki = createTestPki(dir.path);
  const certificates = [pki.client, pki.intermediate, pki.root].map((c) => new Uint8Array(new X509Certificate(c.pem).raw));
  const privateKeyPkcs8 = new Uint8Array(createPrivateKey(readFileSync(pki.client.keyPath)).export({ type: 'pkcs8', format: 'der' }));
  const times: number[] = [];
  for (let i = 0; i < 41; i++) times.push(await time(() => writePkcs12({ certificates, privateKeyPkcs8, password: 'bench password', friendlyName: 'bench' })));
  console.log(JSON.stringify({ measure: 'pkcs12', times }));
} finally {
  dir.cleanup();
}
