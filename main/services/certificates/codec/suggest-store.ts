import type { StoreName } from '../../../../shared/models/certificate';
import { EKU_CLIENT_AUTH, EKU_SERVER_AUTH } from './oids';
import type { DecodedCertificate } from './types';

/**
 * Which store a newly imported certificate goes to, when the user does not choose:
 * 1. a CA certificate: self-signed -> root, otherwise -> intermediate;
 * 2. an EKU naming serverAuth but not clientAuth -> server; clientAuth but not serverAuth -> client
 *    (the EKU says what the certificate can do, so it wins over whether a key came with it:
 *    a clientAuth-only certificate cannot serve TLS even if its key is here);
 * 3. otherwise (no EKU, both, or neither), with a private key -> server: a certificate with its
 *    key is one the gateway can present;
 * 4. otherwise -> client: a public certificate without a key is someone to map to an account.
 */
export function suggestStore(cert: DecodedCertificate, hasPrivateKey: boolean): StoreName {
  if (cert.summary.isCA) return cert.summary.selfSigned ? 'root' : 'intermediate';
  const ekus = cert.facts.extendedKeyUsage.map((usage) => usage.oid);
  const server = ekus.includes(EKU_SERVER_AUTH);
  const client = ekus.includes(EKU_CLIENT_AUTH);
  if (server && !client) return 'server';
  if (client && !server) return 'client';
  return hasPrivateKey ? 'server' : 'client';
}
