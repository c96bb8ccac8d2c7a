import type { HandlerTable } from '../../ipc/handler-table';
import { toPem } from '../certificates/codec';
import type { AuthorityService } from './authority-service';

type AuthorityChannel = Extract<keyof HandlerTable, `authority.${string}`>;

const pemOf = (ders: Uint8Array[]) => ders.map((der) => toPem(der)).join('');
const fileBase = (subject: string) => (subject.match(/CN=([^,+]+)/)?.[1] ?? 'certificate').trim().replace(/[^\w.-]+/g, '_');

/** The authority's channels: files travel as base64, certificates as PEM. */
export function authorityHandlers(authority: AuthorityService): Pick<HandlerTable, AuthorityChannel> {
  return {
    'authority.status': () => ({ authority: authority.info() }),
    'authority.init': (input) => authority.init(input),
    'authority.issued': () => ({ items: authority.issued() }),
    'authority.issueClient': async (order) => {
      const issued = await authority.issueClientCertificate(order);
      return {
        certificate: issued.certificate,
        fileName: issued.fileName,
        pfxBase64: Buffer.from(issued.pfx).toString('base64'),
        certificatePem: pemOf([issued.der, ...issued.chain]),
        mapping: issued.mapping,
        trustedIssuersAdded: issued.trustedIssuersAdded,
      };
    },
    'authority.signRequest': async ({ requestBase64, profile, days }) => {
      const signed = await authority.signRequest({ request: Buffer.from(requestBase64, 'base64'), profile, days });
      return { certificate: signed.certificate, fileName: `${fileBase(signed.certificate.subject)}.pem`, certificatePem: pemOf([signed.der, ...signed.chain]) };
    },
    'authority.revoke': ({ sha256, reason }) => authority.revoke(sha256, reason),
    'authority.crl': ({ role }) => authority.crl(role),
  };
}
