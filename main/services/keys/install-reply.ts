import { createPublicKey } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { InstallResult, PendingRequest, StoredKey } from '../../../shared/models/key';
import { privateKeyId, type CertificateDocument } from '../certificates/certificate-document';
import { withRenewal } from '../certificates/certificate-renewal';
import { decodeContainer, suggestStore, type DecodedCertificate } from '../certificates/codec';
import { toStored } from '../certificates/import-file';
import type { KeyDeps } from './key-deps';
import { keysOf, keyVaultId, requestsOf, withKeyChanges } from './key-document';
import { privateKeyFromPkcs8 } from './key-algorithms';
import { spkiIdOfCertificate, spkiIdOfKey } from './public-key-id';

export interface InstallOptions {
  contentBase64: string;
  password?: string;
  /** Complete only this pending request. */
  requestId?: string;
}

interface Match {
  leaf: DecodedCertificate;
  key: StoredKey;
  request: PendingRequest | null;
}

function describeCertificate(certificate: DecodedCertificate): string {
  return `"${certificate.summary.subject}" (SHA-256 ${certificate.sha256})`;
}

/** The newest request of a key, preferring one whose subject is the certificate's. */
function requestFor(requests: PendingRequest[], leaf: DecodedCertificate): PendingRequest | null {
  const sorted = [...requests].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return sorted.find((r) => r.subject === leaf.summary.subject) ?? sorted[0] ?? null;
}

/**
 * Which certificate of the reply is the one for our key, and which key and request it completes.
 * Only pending requests count when one is named; otherwise any pending request, then any key the
 * Key Manager holds (a reply that arrives after its request was cancelled, or for an imported key).
 */
function findMatch(certificates: DecodedCertificate[], keys: Record<string, StoredKey>, requests: PendingRequest[], requestId: string | undefined): Match | null {
  const keyBySpki = new Map(Object.values(keys).map((k) => [k.spkiSha256, k]));
  const wanted = requestId ? requests.filter((r) => r.id === requestId) : requests;
  const pendingKeyIds = new Set(wanted.map((r) => r.keyId));
  const candidates = certificates
    .map((leaf) => ({ leaf, key: keyBySpki.get(spkiIdOfCertificate(leaf.der) ?? '') }))
    .filter((c): c is { leaf: DecodedCertificate; key: StoredKey } => c.key !== undefined);
  const pending = candidates.find((c) => pendingKeyIds.has(c.key.id));
  if (pending) return { ...pending, request: requestFor(wanted.filter((r) => r.keyId === pending.key.id), pending.leaf) };
  if (requestId || candidates.length === 0) return null;
  return { ...candidates[0]!, request: null };
}

function mismatchError(certificates: DecodedCertificate[], keys: Record<string, StoredKey>, requests: PendingRequest[], requestId: string | undefined): DomainError {
  const leaf = certificates.find((c) => !c.summary.isCA) ?? certificates[0]!;
  const target = requestId ? requests.find((r) => r.id === requestId) : undefined;
  const expected = target
    ? `the pending request for "${keys[target.keyId]?.name ?? target.keyId}" (${target.subject})`
    : requests.length > 0
      ? `any of the ${requests.length} pending request(s) (${requests.map((r) => `"${keys[r.keyId]?.name ?? r.keyId}"`).join(', ')})`
      : 'any key of the Key Manager (there is no pending request)';
  return new DomainError(
    'KEY_MISMATCH',
    `The certificate ${describeCertificate(leaf)} is for another key: its public key does not match ${expected}. Nothing was installed; the pending requests and their keys are kept.`,
  );
}

function installed(certificate: DecodedCertificate, document: CertificateDocument, store: ReturnType<typeof suggestStore>) {
  const existing = document.certificates[certificate.sha256];
  return { sha256: certificate.sha256, subject: certificate.summary.subject, store: existing?.summary.store ?? store, duplicate: existing !== undefined };
}

/**
 * Install the authority's reply: the certificate for one of our keys goes to the store with its key
 * (Server, or Client for a clientAuth-only certificate, as the import suggests), the reply's other
 * certificates to the stores the import suggests (Intermediate, Trusted Root), and the pending
 * request is done. Everything is checked before anything is written; the certificate store and
 * config.json are each written once, and the first write is undone if the second fails.
 */
export function installReply(deps: KeyDeps, options: InstallOptions): InstallResult {
  const decoded = decodeContainer(Buffer.from(options.contentBase64, 'base64'), { password: options.password });
  if (decoded.certificates.length === 0) throw new DomainError('NOT_A_CERTIFICATE', 'The reply holds no certificate (only CRLs): nothing to install.');
  const config = deps.config.read();
  const keys = keysOf(config);
  const requests = Object.values(requestsOf(config));
  if (options.requestId && !requests.some((r) => r.id === options.requestId)) {
    throw new DomainError('NOT_FOUND', `No pending certificate request ${options.requestId} (it may have been completed or cancelled).`);
  }
  const match = findMatch(decoded.certificates, keys, requests, options.requestId);
  if (!match) throw mismatchError(decoded.certificates, keys, requests, options.requestId);

  const pkcs8 = deps.vault.get(keyVaultId(match.key.id));
  if (!pkcs8) throw new DomainError('NOT_FOUND', `The private key of "${match.key.name}" is missing from the vault: the certificate cannot be installed with it.`);
  if (spkiIdOfKey(createPublicKey(privateKeyFromPkcs8(pkcs8))) !== spkiIdOfCertificate(match.leaf.der)) {
    throw new DomainError('KEY_MISMATCH', `The vault's key "${match.key.name}" does not match the certificate ${describeCertificate(match.leaf)}. Nothing was installed.`);
  }

  const before = deps.certificateStore.read();
  const importedAt = deps.clock.now().toISOString();
  // The renewal link goes in the same write as the new certificate: a renewal closed at Verify bindings can then be finished later.
  const renews = match.request?.renews?.toLowerCase();
  const linked = renews ? withRenewal(before, renews, { renewedBy: match.leaf.sha256, at: importedAt, finishedAt: null }) : before;
  const draft: CertificateDocument = { ...linked, certificates: { ...linked.certificates } };
  const leafStore = suggestStore(match.leaf, true);
  const leafResult = installed(match.leaf, before, leafStore);
  const existingLeaf = before.certificates[match.leaf.sha256];
  draft.certificates[match.leaf.sha256] = existingLeaf
    ? { ...existingLeaf, summary: { ...existingLeaf.summary, hasPrivateKey: true } }
    : toStored(match.leaf, leafStore, true, importedAt);
  const chain = decoded.certificates
    .filter((c) => c.sha256 !== match.leaf.sha256)
    .map((certificate) => {
      const store = suggestStore(certificate, false);
      const result = installed(certificate, before, store);
      if (!result.duplicate) draft.certificates[certificate.sha256] = toStored(certificate, store, false, importedAt);
      return result;
    });

  const vaultId = privateKeyId(match.leaf.sha256);
  const hadKey = deps.vault.has(vaultId);
  deps.vault.put(vaultId, pkcs8);
  let certificatesWritten = false;
  try {
    deps.certificateStore.write(draft);
    certificatesWritten = true;
    if (match.request) deps.config.write(withKeyChanges(deps.config.read(), {}, { [match.request.id]: undefined }));
  } catch (error) {
    if (certificatesWritten) deps.certificateStore.write({ ...before });
    if (!hadKey) deps.vault.delete(vaultId);
    throw error;
  }
  return { certificate: leafResult, chain, keyId: match.key.id, requestId: match.request?.id ?? null, renews: match.request?.renews ?? null };
}
