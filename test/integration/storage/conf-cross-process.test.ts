import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConfStore } from '../../../main/storage/conf-config-store';
import type { DocumentFileStore } from '../../../main/storage/document-file-store';
import { makeTempDir } from '../../helpers/temp-dir';

interface Doc {
  version: 1;
  store: string;
  subjects: string[];
}

const doc = (store: string, ...subjects: string[]): Doc => ({ version: 1, store, subjects });

describe('conf store shared by two processes (the console server and the CLI)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const open: DocumentFileStore<Doc>[] = [];
  const openStore = () => {
    const { store } = openConfStore<Doc>({ dir: dir.path, name: 'certificates', defaults: doc('none') });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = makeTempDir('certmapper-shared-');
  });
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    dir.cleanup();
  });

  it("sees another instance's write on its next read()", () => {
    const server = openStore();
    server.write(doc('root', 'CN=a'));
    const cached = server.read();
    const cli = openStore();
    cli.write(doc('client', 'CN=a', 'CN=b'));
    expect(server.read()).toEqual(doc('client', 'CN=a', 'CN=b'));
    expect(server.read()).not.toBe(cached);
  });

  it('sees two quick same-size writes by another instance (inode numbers get reused on Linux)', () => {
    const server = openStore();
    server.write(doc('client', 'CN=a'));
    server.read();
    const cli = openStore();
    cli.write(doc('server', 'CN=a'));
    cli.write(doc('client', 'CN=b'));
    expect(server.read()).toEqual(doc('client', 'CN=b'));
  });

  it('never mistakes a same-size replacement for the version it holds, even with a reused inode and the same mtime', () => {
    // ext4 hands a freed inode number to the next new file; mtime is per kernel tick on older kernels,
    // and tools that keep mtimes (rsync -t, cp -p, restoring a backup) set it outright.
    const path = join(dir.path, 'certificates.json');
    const mtime = 1_700_000_000;
    const replace = (value: Doc) => {
      writeFileSync(`${path}.tmp`, JSON.stringify(value));
      renameSync(`${path}.tmp`, path);
      utimesSync(path, mtime, mtime);
    };
    replace(doc('client', 'CN=a'));
    const server = openStore();
    expect(server.read()).toEqual(doc('client', 'CN=a'));
    replace(doc('server', 'CN=a'));
    replace(doc('client', 'CN=b'));
    expect(server.read()).toEqual(doc('client', 'CN=b'));
  });

  it('does not re-read or re-parse an unchanged file', () => {
    const server = openStore();
    server.write(doc('root', 'CN=a'));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (let i = 0; i < 100; i++) server.read();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('sees a write by a real second process using conf directly (same file format)', () => {
    const server = openStore();
    server.write(doc('root', 'CN=a'));
    const script = `
      import Conf from 'conf';
      const conf = new Conf({ cwd: process.argv[1], configName: 'certificates', serialize: (v) => JSON.stringify(v) });
      conf.store = { version: 1, store: 'server', subjects: ['CN=from another process'] };
    `;
    execFileSync(process.execPath, ['--input-type=module', '-e', script, dir.path], { cwd: process.cwd() });
    expect(server.read()).toEqual(doc('server', 'CN=from another process'));
  });

  it("writes a file a plain conf in another process reads back (the CLI's view)", () => {
    openStore().write(doc('intermediate', 'CN=x'));
    const script = `
      import Conf from 'conf';
      const conf = new Conf({ cwd: process.argv[1], configName: 'certificates' });
      process.stdout.write(JSON.stringify(conf.store));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, dir.path], { cwd: process.cwd(), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(doc('intermediate', 'CN=x'));
    expect(readFileSync(join(dir.path, 'certificates.json'), 'utf8')).not.toContain('\n');
  });
});
