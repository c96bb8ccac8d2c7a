import { X509Certificate } from 'node:crypto';
import { connect, type TLSSocket } from 'node:tls';
import { runProgram } from './gateway/clients';

// What a TLS client sees of a running gateway: the certificate of a fresh handshake, and requests on
// a connection kept open across a configuration change.

/** The certificate `openssl s_client` was shown on a fresh handshake (no SNI unless a name is given). */
export async function sClientCertificate(port: number, servername?: string): Promise<X509Certificate | null> {
  const args = ['s_client', '-connect', `127.0.0.1:${port}`, ...(servername ? ['-servername', servername] : ['-noservername'])];
  const { stdout } = await runProgram('openssl', args, '');
  const pem = stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  return pem ? new X509Certificate(pem) : null;
}

/** One HTTP/1.1 keep-alive request over an open TLS socket: the status code of its answer. */
export function requestOn(socket: TLSSocket, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(text.slice(0, end).match(/content-length:\s*(\d+)/i)?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve(Number(text.split(' ')[1]));
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  });
}

/** A TLS connection to 127.0.0.1:port that accepts any server certificate (the test reads it). */
export function openTls(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Retry until `accept` holds (configuration changes reach the gateway within a second). */
export async function until<T>(attempt: () => Promise<T>, accept: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
