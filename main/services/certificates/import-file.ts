import { DomainError, type ImportFile, type ImportFileResult, type StoreName } from '../../../shared/ipc';
import type { SecretVault } from '../../ports';
import { decodeContainer, nameKeyOf, suggestStore, type DecodedCertificate, type DecodedCrl } from './codec';
import { privateKeyId, type CertificateDocument, type StoredCertificate, type StoredCrl } from './certificate-document';
import { inWordsOf } from './source-wording';

export interface ImportOptions {
  password?: string;
  store?: StoreName;
  importedAt: string;
}

/** Decode one file and add what it holds to the draft document; a refusal is a result, never a throw. */
export function importOneFile(
  file: ImportFile,
  draft: CertificateDocument,
  vault: SecretVault,
  options: ImportOptions,
): ImportFileResult {
  const result: ImportFileResult = { file: file.name, ok: true, certificates: [], crls: 0, privateKeys: 0 };
  let decoded;
  try {
    decoded = decodeContainer(Buffer.from(file.contentBase64, 'base64'), { password: options.password });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const message = file.source === 'paste' || file.source === 'stdin' ? inWordsOf(file.source, error.message) : error.message;
    return { ...result, ok: false, error: { code: error.code, message } };
  }
  const keyOwners = new Set<string>();
  for (const key of decoded.privateKeys) {
    if (!key.certificateSha256) continue;
    vault.put(privateKeyId(key.certificateSha256), key.pkcs8Der);
    keyOwners.add(key.certificateSha256);
    result.privateKeys++;
  }
  for (const certificate of decoded.certificates) {
    const hasKey = keyOwners.has(certificate.sha256);
    const existing = draft.certificates[certificate.sha256];
    if (existing) {
      // Same DER already stored: recognised, not duplicated; a newly found key is still linked to it.
      const linked = hasKey && !existing.summary.hasPrivateKey;
      const updated = linked ? { ...existing, summary: { ...existing.summary, hasPrivateKey: true } } : existing;
      draft.certificates[certificate.sha256] = updated;
      result.certificates.push(describe(updated, true));
      continue;
    }
    const stored = toStored(certificate, options.store ?? suggestStore(certificate, hasKey), hasKey, options.importedAt);
    draft.certificates[certificate.sha256] = stored;
    result.certificates.push(describe(stored, false));
  }
  for (const crl of decoded.crls) {
    if (!draft.crls[crl.sha256]) {
      draft.crls[crl.sha256] = toStoredCrl(crl, options.importedAt);
      result.crls++;
    }
  }
  return result;
}

function describe(stored: StoredCertificate, duplicate: boolean) {
  const { sha256, subject, store, hasPrivateKey } = stored.summary;
  return { sha256, subject, store, duplicate, hasPrivateKey };
}

/** The stored form of a decoded certificate: every field the console lists, computed now and once. */
export function toStored(
  certificate: DecodedCertificate,
  store: StoreName,
  hasPrivateKey: boolean,
  importedAt: string,
): StoredCertificate {
  const { summary, facts } = certificate;
  return {
    summary: {
      sha256: certificate.sha256,
      sha1: certificate.sha1,
      subject: summary.subject,
      issuer: summary.issuer,
      displayName: summary.displayName,
      serial: summary.serial,
      notBefore: summary.notBefore,
      notAfter: summary.notAfter,
      store,
      isCA: summary.isCA,
      selfSigned: summary.selfSigned,
      hasPrivateKey,
      keyAlgorithm: summary.keyAlgorithm,
      importedAt,
    },
    facts,
    der: Buffer.from(certificate.der).toString('base64'),
    subjectKey: nameKeyOf(facts.subjectFields),
    issuerKey: nameKeyOf(facts.issuerFields),
  };
}

/** The stored form of a decoded CRL (also how the local authority's own CRLs are kept). */
export function toStoredCrl(crl: DecodedCrl, importedAt: string): StoredCrl {
  return {
    summary: {
      sha256: crl.sha256,
      issuer: crl.issuer,
      thisUpdate: crl.thisUpdate,
      nextUpdate: crl.nextUpdate,
      revokedCount: crl.revokedSerials.length,
      importedAt,
    },
    der: Buffer.from(crl.der).toString('base64'),
    issuerKey: crl.issuerKey,
    revokedSerials: crl.revokedSerials,
  };
}
