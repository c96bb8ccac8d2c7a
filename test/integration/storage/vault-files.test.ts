import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { openConfStore } from '../../../main/storage/conf-config-store';
import { EncryptedFileVault } from '../../../main/storage/encrypted-file-vault';
import { KeyFileCipher } from '../../../main/storage/key-file-cipher';
import { makeTempDir } from '../../helpers/temp-dir';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const posixOnly = it.skipIf(process.platform === 'win32');

function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('encrypted file vault with the key-file cipher', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let vaultPath: string;
  let keyPath: string;
  const vaults: EncryptedFileVault[] = [];
  const openVault = () => {
    const vault = new EncryptedFileVault(dir.path, KeyFileCipher.open(dir.path));
    vaults.push(vault);
    return vault;
  };
  const vaultJson = () => JSON.parse(readFileSync(vaultPath, 'utf8')) as { version: number; secrets: Record<string, string> };

  beforeEach(() => {
    dir = makeTempDir('certmapper-vault-');
    vaultPath = join(dir.path, 'vault.json');
    keyPath = join(dir.path, 'vault.key');
  });
  afterEach(() => {
    for (const vault of vaults.splice(0)) vault.close();
    dir.cleanup();
  });

  posixOnly('creates vault.json and vault.key with mode 0600, even under a permissive umask', () => {
    const previous = process.umask(0o000);
    try {
      openVault().put('certificate-key:aa', bytes('secret'));
    } finally {
      process.umask(previous);
    }
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(keyPath).size).toBe(32);
  });

  it('writes vault.json as id -> base64, atomically, without temp files left behind', () => {
    const vault = openVault();
    vault.put('certificate-key:aa', bytes('one'));
    const inode = statSync(vaultPath).ino;
    vault.put('certificate-key:bb', bytes('two'));
    expect(statSync(vaultPath).ino).not.toBe(inode);
    expect(vaultJson().version).toBe(1);
    expect(Object.keys(vaultJson().secrets).sort()).toEqual(['certificate-key:aa', 'certificate-key:bb']);
    for (const sealed of Object.values(vaultJson().secrets)) expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(readdirSync(dir.path).sort()).toEqual(['vault.json', 'vault.key']);
  });

  it('keeps secrets across restarts, and a second instance (another process) sees new secrets at once', () => {
    const server = openVault();
    server.put('a', bytes('A'));
    expect(server.has('b')).toBe(false);
    const cli = openVault();
    expect(cli.get('a')).toEqual(bytes('A'));
    cli.put('b', bytes('B'));
    expect(server.get('b')).toEqual(bytes('B'));
    cli.delete('a');
    expect(server.has('a')).toBe(false);
  });

  it('never writes a private key or a password in plain text anywhere in the data folder', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const password = 'Corr3ct-Horse-Battery-Staple!';
    const { store } = openConfStore({ dir: dir.path, name: 'certificates', defaults: { version: 1, certificates: {} } });
    store.write({ version: 1, certificates: { aa: { subject: 'CN=alice', hasPrivateKey: true } } });
    store.close();
    const vault = openVault();
    vault.put('certificate-key:aa', bytes(pem));
    vault.put('certificate-key:der', der);
    vault.put('mapping-password:alice', bytes(password));
    expect(vault.get('certificate-key:aa')).toEqual(bytes(pem));

    const pemBody = pem.replace(/-----[^-]+-----|\s/g, '');
    const needles = [
      pem,
      pemBody.slice(0, 48),
      pemBody.slice(-48),
      Buffer.from(pem).toString('base64').slice(0, 48),
      der.toString('hex').slice(0, 64),
      password,
      Buffer.from(password).toString('base64'),
      Buffer.from(password).toString('hex'),
    ];
    const files = (readdirSync(dir.path, { recursive: true }) as string[]).map((file) => join(dir.path, file)).filter((path) => statSync(path).isFile());
    expect(files.map((path) => path.slice(dir.path.length + 1)).sort()).toEqual(['certificates.json', 'certificates.json.bak', 'vault.json', 'vault.key']);
    for (const path of files) {
      const raw = readFileSync(path);
      for (const needle of needles) {
        expect(raw.includes(Buffer.from(needle, 'utf8')), `${needle.slice(0, 20)}… in ${path}`).toBe(false);
        expect(raw.toString('latin1')).not.toContain(needle);
        expect(raw.toString('utf8')).not.toContain(needle);
      }
      expect(raw.includes(der.subarray(0, 48)), `DER in ${path}`).toBe(false);
    }
  });

  it('reports a tampered value as STORE_CORRUPTED, naming the vault file and the id', () => {
    openVault().put('certificate-key:aa', bytes('the private key'));
    const file = vaultJson();
    const sealed = Buffer.from(file.secrets['certificate-key:aa']!, 'base64');
    sealed[sealed.length - 1]! ^= 0x01;
    file.secrets['certificate-key:aa'] = sealed.toString('base64');
    writeFileSync(vaultPath, JSON.stringify(file));

    const error = thrown(() => openVault().get('certificate-key:aa'));
    expect(error.code).toBe('STORE_CORRUPTED');
    expect(error.message).toContain(vaultPath);
    expect(error.message).toContain('certificate-key:aa');
    expect(error.message).toContain('integrity check');
  });

  it('refuses a sealed value moved to another id', () => {
    const vault = openVault();
    vault.put('certificate-key:alice', bytes("alice's key"));
    vault.put('certificate-key:mallory', bytes("mallory's key"));
    const file = vaultJson();
    file.secrets['certificate-key:mallory'] = file.secrets['certificate-key:alice']!;
    writeFileSync(vaultPath, JSON.stringify(file));
    const error = thrown(() => vault.get('certificate-key:mallory'));
    expect(error.code).toBe('STORE_CORRUPTED');
    expect(error.message).toContain('sealed for "certificate-key:alice"');
  });

  it('tells a value sealed with another vault.key apart from a tampered one', () => {
    openVault().put('a', bytes('A'));
    const otherDir = makeTempDir('certmapper-vault-other-');
    try {
      // A folder with its own key, then our vault.json copied in (a backup restored without its key).
      const other = new EncryptedFileVault(otherDir.path, KeyFileCipher.open(otherDir.path));
      writeFileSync(join(otherDir.path, 'vault.json'), readFileSync(vaultPath));
      expect(thrown(() => other.get('a')).message).toContain('another vault key');
      other.close();
    } finally {
      otherDir.cleanup();
    }
  });

  it('fails loudly on a damaged vault.json and never overwrites it', () => {
    openVault().put('a', bytes('A'));
    writeFileSync(vaultPath, '{"version":1,"secr');
    const vault = openVault();
    expect(thrown(() => vault.get('a')).message).toContain(vaultPath);
    expect(thrown(() => vault.put('b', bytes('B'))).code).toBe('STORE_CORRUPTED');
    expect(readFileSync(vaultPath, 'utf8')).toBe('{"version":1,"secr');
  });

  it('refuses to create a new key while vault.json holds secrets sealed with the lost one', () => {
    openVault().put('a', bytes('A'));
    rmSync(keyPath);
    const error = thrown(() => KeyFileCipher.open(dir.path));
    expect(error.code).toBe('STORE_CORRUPTED');
    expect(error.message).toContain(keyPath);
    expect(error.message).toContain('1 secret(s)');
  });

  posixOnly('refuses a key file that other users can read, saying how to fix it', () => {
    openVault().put('a', bytes('A'));
    chmodSync(keyPath, 0o644);
    const error = thrown(() => KeyFileCipher.open(dir.path));
    expect(error.message).toContain(keyPath);
    expect(error.message).toContain('chmod 600');
    chmodSync(keyPath, 0o600);
    expect(openVault().get('a')).toEqual(bytes('A'));
  });

  it('refuses a key file of the wrong size', () => {
    writeFileSync(keyPath, Buffer.alloc(16), { mode: 0o600 });
    expect(thrown(() => KeyFileCipher.open(dir.path)).message).toContain('16 bytes');
  });

  it('uses the key that exists rather than making a new one', () => {
    openVault().put('a', bytes('A'));
    const key = readFileSync(keyPath);
    expect(openVault().get('a')).toEqual(bytes('A'));
    expect(readFileSync(keyPath).equals(key)).toBe(true);
  });
});
