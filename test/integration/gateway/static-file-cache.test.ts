import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { StaticFileCache } from '../../../main/gateway/static-file-cache';
import { pollUntil } from '../../helpers/gateway/test-gateway';
import { makeTempDir } from '../../helpers/temp-dir';

// The static file cache on real files with revalidation turned off (an hour): whatever it drops, it
// drops because the folder watch reported the change, since no hit stats the file.

const HOUR = 3_600_000;

describe('static file cache: change notifications instead of a stat per hit', () => {
  const temp = makeTempDir('static-cache-');
  const root = temp.path;
  const caches: StaticFileCache[] = [];
  const fresh = () => {
    const cache = new StaticFileCache({ revalidateMs: HOUR });
    caches.push(cache);
    return cache;
  };
  afterEach(() => caches.splice(0).forEach((c) => c.close()));
  afterAll(() => temp.cleanup());

  it('keeps serving a file nobody touches, and drops it when it is rewritten', async () => {
    writeFileSync(join(root, 'a.html'), 'A');
    const cache = fresh();
    expect((await cache.load('/a', join(root, 'a.html'), 'text/html', root))?.body.toString()).toBe('A');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cache.lookup('/a')?.body.toString()).toBe('A');
    writeFileSync(join(root, 'a.html'), 'B');
    expect(await pollUntil(async () => cache.lookup('/a'), (entry) => entry === null, 2000)).toBeNull();
  });

  it('drops a file when a folder above it is renamed away', async () => {
    mkdirSync(join(root, 'docs', 'deep'), { recursive: true });
    writeFileSync(join(root, 'docs', 'deep', 'index.html'), 'deep');
    const cache = fresh();
    await cache.load('/docs/deep/', join(root, 'docs', 'deep', 'index.html'), 'text/html', root);
    expect(cache.lookup('/docs/deep/')).not.toBeNull();
    renameSync(join(root, 'docs'), join(root, 'old-docs'));
    expect(await pollUntil(async () => cache.lookup('/docs/deep/'), (entry) => entry === null, 2000)).toBeNull();
  });

  it('revalidates with a stat once the interval has passed, before any notification could arrive', async () => {
    writeFileSync(join(root, 'c.txt'), 'C');
    const cache = new StaticFileCache({ revalidateMs: 0 });
    caches.push(cache);
    await cache.load('/c', join(root, 'c.txt'), 'text/plain', root);
    expect(cache.lookup('/c')?.body.toString()).toBe('C');
    // Same turn of the event loop as the write: no watch event has been handled, only the stat can tell.
    writeFileSync(join(root, 'c.txt'), 'C, changed');
    expect(cache.lookup('/c')).toBeNull();
  });
});
