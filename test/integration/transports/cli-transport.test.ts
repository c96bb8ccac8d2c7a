import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

describe('the CLI transport', () => {
  const data = makeTempDir();
  afterAll(() => data.cleanup());

  it('refuses a malformed fingerprint with INVALID_INPUT and exit status 1', () => {
    const run = runCli(['cert', 'show', 'not-a-sha256'], { dataDir: data.path });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('INVALID_INPUT');
    expect(run.stderr).toContain('SHA-256');
  });

  it('answers a usage error with exit status 2 and the usage text', () => {
    const run = runCli(['cert', 'import'], { dataDir: data.path });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('certmapper cert import FILE');
  });

  it('reports a certificate that is not stored as NOT_FOUND', () => {
    const run = runCli(['cert', 'show', 'ab'.repeat(32)], { dataDir: data.path });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NOT_FOUND');
  });
});
