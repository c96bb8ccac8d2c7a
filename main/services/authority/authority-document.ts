import type { AuthorityKeyAlgorithm, RevocationReason } from '../../../shared/models/authority';

/** The current CRL of one CA: the DER served by the publisher and mirrored into the certificate store. */
export interface CrlState {
  url: string;
  number: number;
  thisUpdate: string;
  nextUpdate: string;
  /** DER, base64. */
  der: string;
  sha256: string;
  revokedCount: number;
}

/** One CA of the authority. Its private key is in the vault only (authorityKeyId). */
export interface CaRecord {
  role: 'root' | 'intermediate';
  sha256: string;
  /** DER, base64: kept here so the authority works even if the certificate is deleted from the store. */
  der: string;
  subject: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  keyAlgorithm: AuthorityKeyAlgorithm;
  /** SubjectKeyIdentifier (hex): the AuthorityKeyIdentifier of everything this CA signs. */
  ski: string;
  crl: CrlState;
}

/** A certificate the authority signed, as its register keeps it (the DER is not kept: the holder has it). */
export interface IssuedRecord {
  sha256: string;
  /** Uppercase hex without leading zeros, as the certificate store shows serials. */
  serial: string;
  subject: string;
  profile: 'client' | 'server' | 'ca';
  account: string | null;
  issuerSha256: string;
  issuedAt: string;
  notBefore: string;
  notAfter: string;
  revocation: { at: string; reason: RevocationReason } | null;
}

export interface AuthorityRecord {
  id: string;
  name: string;
  createdAt: string;
  crlValiditySeconds: number;
  root: CaRecord;
  intermediate: CaRecord | null;
  /** The register of issued certificates, by SHA-256 of their DER. */
  issued: Record<string, IssuedRecord>;
}

/** authority.json: the local certificate authority (one per data folder). */
export interface AuthorityDocument {
  version: 1;
  authority: AuthorityRecord | null;
}

export const emptyAuthorityDocument = (): AuthorityDocument => ({ version: 1, authority: null });

/** Vault id of a CA's private key. Not the store's `certificate-key:` id, so deleting the certificate from the store cannot destroy the authority. */
export const authorityKeyId = (authorityId: string, role: CaRecord['role']): string => `authority-key:${authorityId}:${role}`;

/** The CA that signs end-entity certificates. */
export const issuingCa = (authority: AuthorityRecord): CaRecord => authority.intermediate ?? authority.root;
