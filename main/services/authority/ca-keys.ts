import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { SecretVault } from '../../ports';
import { privateKeyFromPkcs8 } from '../keys/key-algorithms';
import { loadKeyPair } from '../keys/key-generation';
import { authorityKeyId, type AuthorityRecord, type CaRecord } from './authority-document';
import type { SigningCa } from './sign-certificate';
import * as x509 from '@peculiar/x509';

/**
 * The CAs' private keys, read from the vault when first needed and then kept in this process's
 * memory only (never written anywhere but the vault). Keyed by certificate SHA-256.
 */
export class CaKeys {
  private readonly signers = new Map<string, Promise<SigningCa>>();
  private readonly crlKeys = new Map<string, KeyObject>();

  constructor(private readonly vault: SecretVault) {}

  private pkcs8(authority: AuthorityRecord, ca: CaRecord): Uint8Array {
    const pkcs8 = this.vault.get(authorityKeyId(authority.id, ca.role));
    if (!pkcs8) {
      throw new DomainError('NOT_FOUND', `The private key of the authority's ${ca.role} certificate (${ca.subject}) is not in the vault: the authority cannot sign until the vault (vault.json with its key) is restored from a backup.`);
    }
    return pkcs8;
  }

  /** The CA as @peculiar/x509 signs with it (webcrypto key, signing algorithm, name, key identifier). */
  signer(authority: AuthorityRecord, ca: CaRecord): Promise<SigningCa> {
    let signer = this.signers.get(ca.sha256);
    if (!signer) {
      const pkcs8 = this.pkcs8(authority, ca);
      signer = loadKeyPair(pkcs8).then((pair) => ({
        name: new x509.X509Certificate(Buffer.from(ca.der, 'base64')).subjectName,
        signingKey: pair.cryptoKeys.privateKey,
        signingAlgorithm: pair.signingAlgorithm,
        ski: ca.ski,
      }));
      signer.catch(() => this.signers.delete(ca.sha256));
      this.signers.set(ca.sha256, signer);
    }
    return signer;
  }

  /** The CA's key for node:crypto, which signs CRLs synchronously. */
  crlKey(authority: AuthorityRecord, ca: CaRecord): KeyObject {
    let key = this.crlKeys.get(ca.sha256);
    if (!key) {
      key = privateKeyFromPkcs8(this.pkcs8(authority, ca));
      this.crlKeys.set(ca.sha256, key);
    }
    return key;
  }
}
