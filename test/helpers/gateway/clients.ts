import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { GatewayPki, PkiCert } from './gateway-pki';

/** What a client got back. */
export interface HttpAnswer {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** Run a program to its end and give its output (never throws on a non-zero exit: the caller checks `code`). */
export function runProgram(command: string, args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A program that exits before reading its input (curl refused early) must not fail the test with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** curl's options to present `cert` with its key (PEM files). */
export const curlCert = (cert: PkiCert): string[] => ['--cert', cert.pemPath, '--key', cert.keyPath];

/** Real curl, HTTP/1.1, trusting the test root for the server certificate; `args` end with the URL. */
export async function curl(pki: GatewayPki, args: string[]): Promise<HttpAnswer> {
  const result = await runProgram('curl', ['-sS', '-i', '--http1.1', '--max-time', '20', '--cacert', pki.root.pemPath, ...args]);
  if (result.code !== 0) throw new Error(`curl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return parseHttp(result.stdout);
}

/** Split `curl -i` output into status, headers and body (the last response, past any 100 Continue). */
export function parseHttp(text: string): HttpAnswer {
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    const head = end >= 0 ? rest.slice(0, end) : rest;
    const body = end >= 0 ? rest.slice(end + 4) : '';
    const [statusLine = '', ...lines] = head.split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    if (status === 100) {
      rest = body;
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { status, headers, body };
  }
}

/** Options of a Node https request to the gateway on 127.0.0.1. */
export interface NodeRequestOptions {
  port: number;
  path?: string;
  method?: string;
  cert?: PkiCert;
  /** Chain certificates sent after the leaf. */
  chain?: PkiCert[];
  servername?: string;
  headers?: Record<string, string>;
  /** false (default): a fresh connection and a full handshake, no session reuse (testing.md). */
  agent?: https.Agent | false;
  body?: string;
}

/** A Node https request; the answer (its body also as bytes) plus the local port of the connection it went over (to tell connections apart). */
export function nodeRequest(
  pki: GatewayPki,
  options: NodeRequestOptions,
): Promise<HttpAnswer & { bodyBytes: Buffer; localPort: number; serverCertificate: string; sessionReused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path ?? '/',
        method: options.method ?? 'GET',
        ca: pki.root.pem,
        cert: options.cert ? [options.cert.pem, ...(options.chain ?? []).map((c) => c.pem)].join('') : undefined,
        key: options.cert ? readKey(options.cert) : undefined,
        servername: options.servername,
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (response) => {
        const socket = response.socket as TLSSocket;
        const localPort = socket.localPort ?? 0;
        const serverCertificate = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
        const sessionReused = socket.isSessionReused();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
          const bodyBytes = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers, body: bodyBytes.toString('utf8'), bodyBytes, localPort, serverCertificate, sessionReused });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const keys = new Map<string, string>();
function readKey(cert: PkiCert): string {
  let key = keys.get(cert.keyPath);
  if (!key) {
    // Read lazily and once: fifty clients share files in the concurrency test.
    key = readFileSync(cert.keyPath, 'utf8');
    keys.set(cert.keyPath, key);
  }
  return key;
}

/** `openssl s_client` through one handshake; -msg shows whether a CertificateRequest came and what it named. */
export async function sClient(pki: GatewayPki, port: number, options: { servername?: string; cert?: PkiCert } = {}): Promise<string> {
  const args = ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', pki.root.pemPath, '-msg'];
  if (options.servername) args.push('-servername', options.servername);
  else args.push('-noservername');
  if (options.cert) args.push('-cert', options.cert.pemPath, '-key', options.cert.keyPath);
  const result = await runProgram('openssl', args, '');
  return result.stdout + result.stderr;
}

/** The CA names of the CertificateRequest, as s_client prints them ("Acceptable client certificate CA names"). */
export function acceptableCaNames(output: string): string[] | null {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Acceptable client certificate CA names'));
  if (start < 0) return null;
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim() || /^(Requested Signature|Client Certificate Types|Shared Requested|Peer signing|Peer signature|---)/.test(line)) break;
    names.push(line.trim());
  }
  return names;
}
