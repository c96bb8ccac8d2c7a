import { readFileSync } from 'node:fs';
import { conformancePath } from '../../helpers/conformance';
import { compileTrustContext, verify, type VerifyOutcome } from '../../../main/services/trust';

/** One x509-limbo test case (fields the tests use; see ../shared/conformance/limbo/README.md). */
export interface LimboCase {
  id: string;
  features: string[] | null;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  expected_result: 'SUCCESS' | 'FAILURE';
  expected_peer_name: { kind: string; value: string } | null;
  crls: string[] | null;
  max_chain_depth: number | null;
}

/** One row of limbo-index.json: the derived `peer_name_dependent` flag among others. */
interface LimboIndexRow {
  id: string;
  peer_name_dependent: boolean;
}

/** The suite and its index, read in place from ../shared/conformance/limbo. */
export function loadLimbo(): { cases: LimboCase[]; peerNameDependent: Set<string> } {
  const suite = JSON.parse(readFileSync(conformancePath('limbo', 'limbo.json'), 'utf8')) as { testcases: LimboCase[] };
  const index = JSON.parse(readFileSync(conformancePath('limbo', 'limbo-index.json'), 'utf8')) as { testcases: LimboIndexRow[] };
  return { cases: suite.testcases, peerNameDependent: new Set(index.testcases.filter((r) => r.peer_name_dependent).map((r) => r.id)) };
}

/** DER of every PEM block of a given label in `text`. */
export function pemBlocks(text: string, label: 'CERTIFICATE' | 'X509 CRL'): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  for (const match of text.matchAll(re)) out.push(new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
  return out;
}

/** Run one case in-process: the client's or server's purpose, strict revocation when the case has CRLs. */
export function runLimboCase(test: LimboCase): VerifyOutcome {
  const crls = (test.crls ?? []).flatMap((pem) => pemBlocks(pem, 'X509 CRL'));
  const context = compileTrustContext({ anchors: test.trusted_certs.flatMap((pem) => pemBlocks(pem, 'CERTIFICATE')), crls });
  const presented = test.untrusted_intermediates.flatMap((pem) => pemBlocks(pem, 'CERTIFICATE'));
  return verify(context, pemBlocks(test.peer_certificate, 'CERTIFICATE')[0]!, presented, {
    at: test.validation_time ? new Date(test.validation_time) : new Date(),
    purpose: test.validation_kind === 'CLIENT' ? 'client' : 'server',
    revocation: crls.length > 0 ? 'strict' : 'off',
  });
}
