import type { TraceStep } from '../../shared/models/decision';
import type { CertificateView } from './certificate-fields';
import { explainManyToOne } from './many-to-one';
import type { PreparedSite } from './prepared-site';

const info = (detail: string): TraceStep => ({ step: 'mapping', result: 'info', detail });

function explainOneToOne(site: PreparedSite, sha256: string, subject: string): { lines: TraceStep[]; matched: boolean } {
  const { site: config } = site;
  if (!config.oneToOneEnabled) return { lines: [info('one-to-one mappings are disabled for this site: skipped')], matched: false };
  const lines: TraceStep[] = [];
  // What-if names near misses too (same subject, another certificate), through an index built on first use.
  const index = site.oneToOneByKey();
  const related = new Set([...(index.get(`sha256:${sha256}`) ?? []), ...(index.get(`subject:${subject}`) ?? [])]);
  for (const mapping of related) {
    if (mapping.certificateSha256.toLowerCase() === sha256) {
      lines.push(info(`one-to-one ${mapping.id} -> ${mapping.account}: ${mapping.enabled ? 'this certificate (compared by SHA-256 of the DER): matched' : 'this certificate, but disabled: skipped'}`));
    } else if (mapping.subject === subject) {
      lines.push(info(`one-to-one ${mapping.id} -> ${mapping.account}: same subject but another certificate (${mapping.certificateSha256}): a reissued certificate does not match (spec section 2)`));
    }
  }
  const matched = site.oneToOne.has(sha256);
  if (!matched && lines.length === 0) lines.push(info(`one-to-one: no mapping for this certificate (SHA-256 ${sha256}) among ${config.oneToOne.length}`));
  return { lines, matched };
}

/**
 * What-if's account of the local mapper: one-to-one first, then every many-to-one mapping in order
 * with the rule that failed and the values it saw, up to the one that decided (spec sections 2-3).
 */
export function explainMapping(site: PreparedSite, sha256: string, view: CertificateView, subject: string): TraceStep[] {
  const oneToOne = explainOneToOne(site, sha256, subject);
  const lines = [...oneToOne.lines];
  if (oneToOne.matched) {
    lines.push(info('many-to-one: not tried, one-to-one mappings take precedence (spec section 3)'));
    return lines;
  }
  if (!site.site.manyToOneEnabled) return [...lines, info('many-to-one mappings are disabled for this site: skipped')];
  if (site.manyToOne.length === 0) return [...lines, info('many-to-one: the site has no many-to-one mappings')];
  let decided = false;
  let untried = 0;
  for (const compiled of site.manyToOne) {
    if (decided) {
      untried++;
      continue;
    }
    const explained = explainManyToOne(compiled, view);
    lines.push(info(explained.detail));
    decided = explained.matched;
  }
  if (untried > 0) lines.push(info(`many-to-one: ${untried} later mapping(s) not tried: the first match decides`));
  return lines;
}
