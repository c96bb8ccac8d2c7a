import { DomainError } from '../../../shared/errors';
import type { StoredKey } from '../../../shared/models/key';
import { privateKeyId } from '../certificates/certificate-document';
import { findKey } from './create-request';
import type { KeyDeps } from './key-deps';
import { keysOf, keyVaultId } from './key-document';
import { privateKeyFromPkcs8 } from './key-algorithms';
import { encryptPkcs8 } from './pbes2';
import { writePkcs12 } from './pkcs12-writer';
import { spkiIdOfCertificate } from './public-key-id';

export interface ExportedKeyFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

function safeFileName(name: string, fallback: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || fallback;
}

/** A certificate's private key: its own vault entry, else the Key Manager key with the same public key. */
function keyOfCertificate(deps: KeyDeps, sha256: string, spkiSha256: string | undefined): Uint8Array | undefined {
  const own = deps.vault.get(privateKeyId(sha256));
  if (own) return own;
  const key = Object.values(keysOf(deps.config.read())).find((k) => k.spkiSha256 === spkiSha256);
  return key ? deps.vault.get(keyVaultId(key.id)) : undefined;
}

export interface Pkcs12ExportOptions {
  certificateSha256: string;
  password: string;
  includeChain: boolean;
  includeRoot: boolean;
  friendlyName?: string;
}

/** A certificate with its key (and the issuers the store holds) as a password-protected .pfx. */
export function exportPkcs12(deps: KeyDeps, options: Pkcs12ExportOptions): ExportedKeyFile {
  const details = deps.certificates.get(options.certificateSha256);
  const document = deps.certificateStore.read();
  const der = (sha256: string) => new Uint8Array(Buffer.from(document.certificates[sha256]!.der, 'base64'));
  const leaf = der(details.sha256);
  const pkcs8 = keyOfCertificate(deps, details.sha256, spkiIdOfCertificate(leaf));
  if (!pkcs8) {
    throw new DomainError('NOT_FOUND', `Certificate ${details.displayName} has no private key here: only a certificate with its key can be exported as PKCS#12.`);
  }
  const chain = options.includeChain
    ? details.chain.links
        .slice(1)
        .filter((link): link is typeof link & { sha256: string } => link.sha256 !== null && link.sha256 !== details.sha256)
        .filter((link) => options.includeRoot || !document.certificates[link.sha256]?.summary.selfSigned)
        .map((link) => der(link.sha256))
    : [];
  const pfx = writePkcs12({ certificates: [leaf, ...chain], privateKeyPkcs8: pkcs8, password: options.password, friendlyName: options.friendlyName ?? details.displayName });
  return { fileName: `${safeFileName(details.displayName, details.sha256.slice(0, 16))}.pfx`, mimeType: 'application/x-pkcs12', contentBase64: Buffer.from(pfx).toString('base64') };
}

export interface Pkcs8ExportOptions {
  keyId?: string;
  certificateSha256?: string;
  password: string;
}

/** One private key as "BEGIN ENCRYPTED PRIVATE KEY" (PBES2, AES-256-CBC): never unencrypted. */
export function exportPkcs8(deps: KeyDeps, options: Pkcs8ExportOptions): ExportedKeyFile {
  let pkcs8: Uint8Array | undefined;
  let name: string;
  if (options.keyId) {
    const key: StoredKey = findKey(keysOf(deps.config.read()), options.keyId);
    pkcs8 = deps.vault.get(keyVaultId(key.id));
    name = key.name;
    if (!pkcs8) throw new DomainError('NOT_FOUND', `The private key of "${key.name}" is missing from the vault.`);
  } else {
    const details = deps.certificates.get(options.certificateSha256!);
    name = details.displayName;
    pkcs8 = keyOfCertificate(deps, details.sha256, spkiIdOfCertificate(new Uint8Array(Buffer.from(deps.certificateStore.read().certificates[details.sha256]!.der, 'base64'))));
    if (!pkcs8) throw new DomainError('NOT_FOUND', `Certificate ${details.displayName} has no private key here.`);
  }
  // Re-encode through node:crypto so what is exported is a clean PKCS#8 whatever the source wrote.
  const canonical = privateKeyFromPkcs8(pkcs8).export({ type: 'pkcs8', format: 'der' });
  const encrypted = Buffer.from(encryptPkcs8(new Uint8Array(canonical), options.password)).toString('base64');
  const pem = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${encrypted.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
  return { fileName: `${safeFileName(name, 'key')}.key`, mimeType: 'application/pkcs8-encrypted', contentBase64: Buffer.from(pem).toString('base64') };
}
