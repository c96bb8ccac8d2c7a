import http, { type IncomingMessage } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHeader } from '../../../main/gateway/request-header';

// The gateway reads Host and If-Modified-Since from rawHeaders rather than req.headers (which Node
// builds on first use). It must see what req.headers would: the first of repeated values, whatever
// the case of the name, and nothing for a header the client did not send. Real requests, written
// byte for byte on a socket, so the spelling and the repeats are the client's.

/** Headers Node keeps once (the first of repeats), as the gateway reads them, and one it never gets. */
const NAMES = ['host', 'if-modified-since', 'user-agent', 'x-absent'];

describe('requestHeader', () => {
  let server: http.Server;
  let port: number;
  const seen: { ours: (string | undefined)[]; node: (string | undefined)[]; custom: (string | undefined)[] }[] = [];

  beforeAll(async () => {
    server = http.createServer((req: IncomingMessage, res) => {
      // Ours first: req.headers must not have been built for us.
      const ours = NAMES.map((name) => requestHeader(req, name));
      seen.push({ ours, node: NAMES.map((name) => req.headers[name] as string | undefined), custom: [requestHeader(req, 'x-custom'), req.headers['x-custom'] as string | undefined] });
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Send one raw HTTP/1.0 request (Node builds no headers object of its own for 1.0) and wait for the answer. */
  function send(head: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`));
      socket.on('data', () => undefined);
      socket.on('end', () => resolve());
      socket.on('error', reject);
    });
  }

  it('finds the same values as req.headers: any case, the first of repeats, undefined when absent', async () => {
    const requests = [
      'GET / HTTP/1.0\r\nHost: one.example\r\nUser-Agent: ab',
      'GET / HTTP/1.0\r\nHOST: Upper.Example:8443\r\nhost: second.example\r\nIf-Modified-Since: Wed, 02 Dec 2026 10:00:00 GMT',
      'GET / HTTP/1.0\r\nx-CUSTOM: a\r\nX-Custom: b\r\nif-modified-since:   padded   ',
      'GET / HTTP/1.0',
    ];
    for (const request of requests) await send(request);
    expect(seen).toHaveLength(requests.length);
    for (const { ours, node } of seen) expect(ours).toEqual(node);
    expect(seen[1]!.ours[0]).toBe('Upper.Example:8443');
    expect(seen[2]!.ours[1]).toBe('padded');
    // A header Node joins (", ") when repeated: requestHeader gives the first value only, as documented.
    expect(seen[2]!.custom).toEqual(['a', 'a, b']);
    expect(seen.map((s) => s.ours[3])).toEqual([undefined, undefined, undefined, undefined]);
  });
});
