import { X509Certificate } from 'node:crypto';
import { decodeCertificateDer, decodeCrlDer, nameKeyOf } from '../../../main/services/certificates/codec';
import type { ChainVerifier, TrustOutcome } from '../../../main/decision/chain-verifier';

/** TEMPORARY: a tiny node:crypto verifier for tests until main/services/trust has its verify(). */
export const tinyVerifier: ChainVerifier = {
  compile({ anchors, intermediates, crls }) {
    const load = (der: Uint8Array) => {
      const decoded = decodeCertificateDer(der);
      return { decoded, x509: new X509Certificate(Buffer.from(der)), subjectKey: nameKeyOf(decoded.facts.subjectFields), issuerKey: nameKeyOf(decoded.facts.issuerFields) };
    };
    const anchorSet = new Set(anchors.map((d) => load(d).decoded.sha256));
    const known = [...anchors, ...intermediates].map(load);
    const crlList = crls.map(decodeCrlDer);
    return {
      verify(leafDer, presented, { at, revocation }): TrustOutcome {
        const pool = [...known, ...presented.map(load)];
        const result = (code: TrustOutcome['code'], message: string, chain: string[]): TrustOutcome => ({ valid: code === 'ok', code, message, chain, missingCrls: [] });
        let current = load(leafDer);
        const path = [current];
        while (!anchorSet.has(current.decoded.sha256)) {
          const from = current;
          const issuer = pool.find((c) => c.subjectKey === from.issuerKey && c.decoded.sha256 !== from.decoded.sha256 && from.x509.verify(c.x509.publicKey));
          if (!issuer || path.length > 8) return result('untrusted', 'no path to a trust anchor', path.map((c) => c.decoded.sha256));
          path.push(issuer);
          current = issuer;
        }
        const chain = path.map((c) => c.decoded.sha256);
        for (const c of path) {
          if (Date.parse(c.decoded.summary.notBefore) > at.getTime()) return result('not-yet-valid', `${c.decoded.summary.subject} is not valid yet`, chain);
          if (Date.parse(c.decoded.summary.notAfter) < at.getTime()) return result('expired', `${c.decoded.summary.subject} has expired`, chain);
        }
        if (!path[0]!.decoded.summary.clientAuth) return result('wrong-usage', 'not for client authentication', chain);
        if (revocation !== 'off') {
          for (const c of path.slice(0, -1)) {
            const crl = crlList.find((l) => l.issuerKey === c.issuerKey);
            if (!crl) {
              if (revocation === 'strict') return result('revocation-unknown', `no CRL for ${c.decoded.summary.issuer}`, chain);
              continue;
            }
            if (crl.revokedSerials.includes(c.decoded.summary.serial)) return result('revoked', `${c.decoded.summary.subject} is revoked`, chain);
          }
        }
        return result('ok', 'ok', chain);
      },
    };
  },
};
