import * as x509 from '@peculiar/x509';
import type { AuthorityKeyAlgorithm } from '../../../shared/models/authority';
import type { SecretVault } from '../../ports';
import { decodeCertificateDer } from '../certificates/codec';
import { generateKeyPair } from '../keys/key-generation';
import { authorityKeyId, type AuthorityRecord, type CaRecord, type IssuedRecord } from './authority-document';
import type { CaKeys } from './ca-keys';
import { issueCrl } from './crl-issuer';
import { rootCrlUrlBeside } from './crl-url';
import { randomSerialHex } from './serial-number';
import { createRootCertificate, signCertificate } from './sign-certificate';

const YEAR_MS = 365 * 86_400_000;
/** Ten years for the root, five for the intermediate: long enough to outlive what they issue. */
const ROOT_YEARS = 10;
const INTERMEDIATE_YEARS = 5;
/** Backdated a little, so a client whose clock is slightly behind does not see a future certificate. */
export const BACKDATE_MS = 5 * 60_000;

export interface NewAuthority {
  id: string;
  name: string;
  algorithm: AuthorityKeyAlgorithm;
  intermediate: boolean;
  /** The issuing CA's CRL URL (the root's sits beside it when there is an intermediate). */
  crlUrl: string;
  crlValiditySeconds: number;
}

function caRecord(role: CaRecord['role'], certificate: x509.X509Certificate, algorithm: AuthorityKeyAlgorithm, crlUrl: string): CaRecord {
  const ski = certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  if (!ski) throw new Error('A CA certificate was created without a subject key identifier');
  const decoded = decodeCertificateDer(new Uint8Array(certificate.rawData));
  return {
    role,
    sha256: decoded.sha256,
    der: Buffer.from(certificate.rawData).toString('base64'),
    subject: decoded.summary.subject,
    serial: decoded.summary.serial,
    notBefore: decoded.summary.notBefore,
    notAfter: decoded.summary.notAfter,
    keyAlgorithm: algorithm,
    ski,
    // Number 0 is never published: issueCrl below makes CRL number 1 before anything is stored.
    crl: { url: crlUrl, number: 0, thisUpdate: '', nextUpdate: '', der: '', sha256: '', revokedCount: 0 },
  };
}

/**
 * Create the authority: a self-signed root and, if asked, an intermediate the root signs (which then
 * does the issuing). Keys go to the vault only; each CA starts with a signed, empty CRL.
 */
export async function createAuthority(input: NewAuthority, vault: SecretVault, keys: CaKeys, now: Date): Promise<AuthorityRecord> {
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const rootUrl = input.intermediate ? rootCrlUrlBeside(input.crlUrl) : input.crlUrl;
  const rootKeys = await generateKeyPair(input.algorithm);
  const rootName = new x509.Name([{ '2.5.4.3': [input.name] }]);
  const rootCertificate = await createRootCertificate({
    name: rootName,
    keys: rootKeys,
    serialHex: randomSerialHex(),
    notBefore,
    notAfter: new Date(now.getTime() + ROOT_YEARS * YEAR_MS),
  });
  vault.put(authorityKeyId(input.id, 'root'), rootKeys.privateKeyPkcs8);
  const root = caRecord('root', rootCertificate, input.algorithm, rootUrl);
  const issued: Record<string, IssuedRecord> = {};

  let intermediate: CaRecord | null = null;
  if (input.intermediate) {
    const keysOfIntermediate = await generateKeyPair(input.algorithm);
    const certificate = await signCertificate(
      { name: rootCertificate.subjectName, signingKey: rootKeys.cryptoKeys.privateKey, signingAlgorithm: rootKeys.signingAlgorithm, ski: root.ski },
      {
        kind: 'intermediate',
        serialHex: randomSerialHex(),
        subject: new x509.Name([{ '2.5.4.3': [`${input.name} Issuing CA`] }]),
        publicKey: keysOfIntermediate.cryptoKeys.publicKey,
        subjectAltNames: null,
        notBefore,
        notAfter: new Date(now.getTime() + INTERMEDIATE_YEARS * YEAR_MS),
        crlUrl: rootUrl,
      },
    );
    vault.put(authorityKeyId(input.id, 'intermediate'), keysOfIntermediate.privateKeyPkcs8);
    intermediate = caRecord('intermediate', certificate, input.algorithm, input.crlUrl);
    issued[intermediate.sha256] = {
      sha256: intermediate.sha256,
      serial: intermediate.serial,
      subject: intermediate.subject,
      profile: 'ca',
      account: null,
      issuerSha256: root.sha256,
      issuedAt: now.toISOString(),
      notBefore: intermediate.notBefore,
      notAfter: intermediate.notAfter,
      revocation: null,
    };
  }

  const authority: AuthorityRecord = {
    id: input.id,
    name: input.name,
    createdAt: now.toISOString(),
    crlValiditySeconds: input.crlValiditySeconds,
    root,
    intermediate,
    issued,
  };
  authority.root = { ...root, crl: issueCrl(authority, root, keys, now) };
  if (intermediate) authority.intermediate = { ...intermediate, crl: issueCrl(authority, intermediate, keys, now) };
  return authority;
}
