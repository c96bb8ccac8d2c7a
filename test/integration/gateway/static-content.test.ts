import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { nodeRequest, type NodeRequestOptions } from '../../helpers/gateway/clients';
import { GatewayFixture, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// The gateway keeps small static files in memory (static-file-cache.ts). Whatever happens to a file
// on disk between two requests, the next request gets what is on disk now: rewritten in place with
// the same size and even the old mtime put back, replaced by a rename, deleted, a folder's
// index.html removed or the folder turned into a file. Requests go over one keep-alive connection
// and over new ones, so both the connection's remembered request and the worker's cache are crossed.

describe('gateway static content from memory, never stale', () => {
  const work = makeTempDir('gateway-static-');
  const www = join(work.path, 'www');
  const fixture = new GatewayFixture();
  let pki: GatewayPki;
  let gw: TestGateway;
  let agent: https.Agent;
  let port = 0;

  const get = (path: string, options: Partial<NodeRequestOptions> = {}) => nodeRequest(pki, { port, path, cert: pki.alice, ...options });
  const both = async (path: string) => [await get(path, { agent }), await get(path)];

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    mkdirSync(join(www, 'docs'), { recursive: true });
    writeFileSync(join(www, 'page.html'), 'version A\n');
    writeFileSync(join(www, 'docs', 'index.html'), 'docs index\n');
    fixture.importPki(pki);
    fixture.putAccount('alice');
    fixture.putSite(makeSite(pki, { name: 'Static', content: { kind: 'static', directory: www }, oneToOne: [oneToOne(pki.alice, 'alice')] }));
    gw = await startTestGateway(fixture);
    port = gw.port('Static');
    agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterAll(async () => {
    agent?.destroy();
    await gw?.stop();
    work.cleanup();
  });

  it('a file rewritten in place with the same size and its old mtime put back is served fresh', async () => {
    const file = join(www, 'page.html');
    // A whole-second mtime, so that putting it back restores it exactly: only the ctime tells.
    const mtime = new Date('2024-01-02T03:04:05Z');
    utimesSync(file, mtime, mtime);
    for (const answer of await both('/page.html')) expect([answer.status, answer.body]).toEqual([200, 'version A\n']);
    // Once more over the same connection: from memory this time.
    const [first, again] = [await get('/page.html', { agent }), await get('/page.html', { agent })];
    expect([again.body, again.localPort]).toEqual(['version A\n', first.localPort]);
    writeFileSync(file, 'version B\n');
    utimesSync(file, mtime, mtime);
    expect(statSync(file).mtimeMs).toBe(mtime.getTime());
    for (const answer of await both('/page.html')) expect([answer.status, answer.body]).toEqual([200, 'version B\n']);
  });

  it('a file replaced by a rename is served fresh; a deleted one is 404', async () => {
    const file = join(www, 'page.html');
    writeFileSync(join(www, 'next.tmp'), 'version C, longer\n');
    renameSync(join(www, 'next.tmp'), file);
    for (const answer of await both('/page.html')) expect([answer.status, answer.body, answer.headers['content-length']]).toEqual([200, 'version C, longer\n', '18']);
    rmSync(file);
    for (const answer of await both('/page.html')) expect(answer.status).toBe(404);
    writeFileSync(file, 'version D\n');
    for (const answer of await both('/page.html')) expect([answer.status, answer.body]).toEqual([200, 'version D\n']);
  });

  it("a folder's index.html from memory: gone when removed, a file when the folder becomes one, the redirect kept", async () => {
    for (const answer of await both('/docs/')) expect([answer.status, answer.body]).toEqual([200, 'docs index\n']);
    expect((await get('/docs')).status).toBe(301);
    rmSync(join(www, 'docs', 'index.html'));
    for (const answer of await both('/docs/')) expect(answer.status).toBe(404);
    rmSync(join(www, 'docs'), { recursive: true });
    writeFileSync(join(www, 'docs'), 'docs is a file now\n');
    for (const answer of await both('/docs')) expect([answer.status, answer.body]).toEqual([200, 'docs is a file now\n']);
  });

  it('If-Modified-Since and HEAD are answered from memory as from disk', async () => {
    writeFileSync(join(www, 'cached.txt'), 'cached\n');
    const first = await get('/cached.txt', { agent });
    expect([first.status, first.headers['content-type'], first.headers['x-content-type-options']]).toEqual([200, 'text/plain; charset=utf-8', 'nosniff']);
    const modified = first.headers['last-modified']!;
    expect(new Date(modified).getTime()).toBe(Math.floor(statSync(join(www, 'cached.txt')).mtimeMs / 1000) * 1000);
    const notModified = await get('/cached.txt', { agent, headers: { 'If-Modified-Since': modified } });
    expect([notModified.status, notModified.body, notModified.headers['last-modified']]).toEqual([304, '', modified]);
    const head = await get('/cached.txt', { agent, method: 'HEAD' });
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '7']);
  });

  it('files of any bytes (UTF-8, binary, larger than 16 KB) are served byte for byte, from disk and from memory', async () => {
    const allBytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const files: Record<string, Buffer> = {
      'utf8.html': Buffer.from('<p>café, naïve, ✓ 😀</p>\n', 'utf8'),
      'bytes.bin': allBytes,
      'large.bin': Buffer.concat([randomBytes(20 * 1024), allBytes]),
    };
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(join(www, name), bytes);
      // The first request reads the file from disk into memory; the next two are served from memory.
      for (const answer of [await get(`/${name}`, { agent }), await get(`/${name}`, { agent }), await get(`/${name}`)]) {
        expect([name, answer.status, answer.headers['content-length']]).toEqual([name, 200, String(bytes.length)]);
        expect(answer.bodyBytes.equals(bytes), `${name} served byte for byte`).toBe(true);
      }
    }
  });

  it('a file larger than the memory limit (1 MiB) is streamed whole, and fresh after a change', async () => {
    const big = randomBytes(3 * 1024 * 1024).toString('base64');
    const digest = (text: string) => createHash('sha256').update(text).digest('hex');
    writeFileSync(join(www, 'big.txt'), big);
    const answer = await get('/big.txt', { agent });
    expect([answer.status, answer.body.length, digest(answer.body)]).toEqual([200, big.length, digest(big)]);
    const changed = `${big.slice(0, -1)}!`;
    writeFileSync(join(www, 'big.txt'), changed);
    expect(digest((await get('/big.txt', { agent })).body)).toBe(digest(changed));
  });
});
