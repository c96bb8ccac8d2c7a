import { mkdirSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { openConfStore } from '../../../main/storage/conf-config-store';
import type { DocumentFileStore } from '../../../main/storage/document-file-store';
import { makeTempDir } from '../../helpers/temp-dir';

interface Doc {
  version: 1;
  certificates: Record<string, { subject: string }>;
}

const empty = (): Doc => ({ version: 1, certificates: {} });
const doc = (...subjects: string[]): Doc => ({
  version: 1,
  certificates: Object.fromEntries(subjects.map((s, i) => [`sha-${i}`, { subject: `CN=${s}` }])),
});
const clock = { now: () => new Date('2026-03-04T05:06:07.089Z') };
const STAMP = '2026-03-04T05-06-07.089Z';

describe('conf store: files, atomic writes and recovery from corruption', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let main: string;
  let backup: string;
  const open: DocumentFileStore<Doc>[] = [];
  const openStore = () => {
    const opened = openConfStore<Doc>({ dir: dir.path, name: 'certificates', defaults: empty(), clock });
    open.push(opened.store);
    return opened;
  };

  beforeEach(() => {
    dir = makeTempDir('certmapper-recovery-');
    main = join(dir.path, 'certificates.json');
    backup = `${main}.bak`;
  });
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    dir.cleanup();
  });

  it('starts with the defaults, no notice and no file on a first start', () => {
    const { store, notices } = openStore();
    expect(notices).toEqual([]);
    expect(store.read()).toEqual(empty());
    expect(existsSync(main)).toBe(false);
  });

  it('writes compact JSON, mode 0600, with an identical last good copy, and survives a reopen', () => {
    const { store } = openStore();
    store.write(doc('alice', 'bob'));
    const text = readFileSync(main, 'utf8');
    expect(text).toBe(JSON.stringify(doc('alice', 'bob')));
    expect(readFileSync(backup, 'utf8')).toBe(text);
    if (process.platform !== 'win32') {
      expect(statSync(main).mode & 0o777).toBe(0o600);
      expect(statSync(backup).mode & 0o777).toBe(0o600);
    }
    const again = openStore();
    expect(again.notices).toEqual([]);
    expect(again.store.read()).toEqual(doc('alice', 'bob'));
  });

  it('writes atomically: each write is a new file renamed into place, with no temp files left behind', () => {
    const { store } = openStore();
    store.write(doc('one'));
    const firstInode = statSync(main).ino;
    store.write(doc('two'));
    // A rename gives the path a new inode; an in-place rewrite would keep it.
    expect(statSync(main).ino).not.toBe(firstInode);
    expect(readdirSync(dir.path).sort()).toEqual(['certificates.json', 'certificates.json.bak']);
  });

  it('restores the last good copy when the file was truncated in place, and moves the damaged one aside', () => {
    const first = openStore();
    first.store.write(doc('alice'));
    first.store.write(doc('alice', 'bob'));
    first.store.close();
    const full = readFileSync(main, 'utf8');
    writeFileSync(main, full.slice(0, Math.floor(full.length / 2)));

    const { store, notices } = openStore();
    expect(store.read()).toEqual(doc('alice', 'bob'));
    expect(readFileSync(main, 'utf8')).toBe(full);
    const aside = join(dir.path, `certificates.json.corrupt-${STAMP}`);
    expect(readFileSync(aside, 'utf8')).toBe(full.slice(0, Math.floor(full.length / 2)));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(main);
    expect(notices[0]).toContain('was corrupted');
    expect(notices[0]).toContain(`certificates.json.corrupt-${STAMP}`);
    expect(notices[0]).toContain('certificates.json.bak');
    expect(notices[0]).toMatch(/last good copy saved \d{4}-\d\d-\d\dT[\d:.]+Z .* was restored/);
  });

  it('starts empty with a notice, never silently, when the file is garbage and there is no last good copy', () => {
    writeFileSync(main, 'this is not JSON at all');
    const { store, notices } = openStore();
    expect(store.read()).toEqual(empty());
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`certificates.json.corrupt-${STAMP}`);
    expect(notices[0]).toContain('starts empty');
    expect(readFileSync(join(dir.path, `certificates.json.corrupt-${STAMP}`), 'utf8')).toBe('this is not JSON at all');
    // Said once: the next start is a clean first start.
    expect(openStore().notices).toEqual([]);
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['an array', '[1,2,3]', 'an array'],
    ['null', 'null', 'null'],
  ])('treats %s as corrupt', (_label, content, reason) => {
    const first = openStore();
    first.store.write(doc('kept'));
    writeFileSync(main, content);
    const { store, notices } = openStore();
    expect(store.read()).toEqual(doc('kept'));
    expect(notices[0]).toContain(reason);
  });

  it('moves a damaged last good copy aside too, and says the store starts empty', () => {
    writeFileSync(main, '{"version":1,"certif');
    writeFileSync(backup, 'also broken');
    const { store, notices } = openStore();
    expect(store.read()).toEqual(empty());
    expect(notices[0]).toContain(`certificates.json.corrupt-${STAMP}`);
    expect(notices[0]).toContain(`certificates.json.bak.corrupt-${STAMP}`);
    expect(notices[0]).toContain('starts empty');
    expect(existsSync(backup)).toBe(false);
  });

  it('never overwrites an earlier corrupt file', () => {
    writeFileSync(main, 'first damage');
    openStore();
    writeFileSync(main, 'second damage');
    const { notices } = openStore();
    expect(notices[0]).toContain(`certificates.json.corrupt-${STAMP}-2`);
    expect(readFileSync(join(dir.path, `certificates.json.corrupt-${STAMP}`), 'utf8')).toBe('first damage');
  });

  it('restores the last good copy, with a notice, when the store file is missing', () => {
    openStore().store.write(doc('alice'));
    rmSync(main);
    const { store, notices } = openStore();
    expect(store.read()).toEqual(doc('alice'));
    expect(notices[0]).toContain('was missing');
  });

  it('creates a last good copy at open for a store that has none yet', () => {
    writeFileSync(main, JSON.stringify(doc('from an older version')));
    openStore();
    expect(readFileSync(backup, 'utf8')).toBe(JSON.stringify(doc('from an older version')));
  });

  it('fails loudly (STORE_CORRUPTED, naming the file) if the file is damaged while running, and recovers once it is fixed', () => {
    const { store } = openStore();
    store.write(doc('alice'));
    writeFileSync(main, '{"broken');
    let error: unknown;
    try {
      store.read();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('STORE_CORRUPTED');
    expect((error as DomainError).message).toContain(main);
    writeFileSync(main, JSON.stringify(doc('fixed')));
    expect(store.read()).toEqual(doc('fixed'));
  });

  it('reports an unreadable store file as IO_ERROR instead of moving it aside', () => {
    // A folder where the file should be: unreadable as a file for every user, root included.
    mkdirSync(main);
    expect(() => openStore()).toThrow(expect.objectContaining({ code: 'IO_ERROR', message: expect.stringContaining(main) }));
    expect(readdirSync(dir.path)).toEqual(['certificates.json']);
  });
});
