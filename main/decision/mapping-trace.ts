import type { TraceStep } from '../../shared/models/decision';
import type { FieldValues } from './certificate-fields';
import { mappingInfo as info } from './many-to-one';
import { walkManyToOne } from './many-to-one-walk';
import type { PreparedSite } from './prepared-site';

function explainOneToOne(site: PreparedSite, sha256: string, subject: string): { lines: TraceStep[]; matched: boolean } {
  const { site: config } = site;
  if (!config.oneToOneEnabled) return { lines: [info('one-to-one mappings are disabled for this site: skipped')], matched: false };
  const lines: TraceStep[] = [];
  // What-if names near misses too (same subject, another certificate), through an index built on first use.
  const index = site.oneToOneByKey();
  for (const mapping of index.bySha256.get(sha256) ?? []) {
    lines.push(info(`one-to-one ${mapping.id} -> ${mapping.account}: ${mapping.enabled ? 'this certificate (compared by SHA-256 of the DER): matched' : 'this certificate, but disabled: skipped'}`));
  }
  for (const mapping of index.bySubject.get(subject) ?? []) {
    // Those for this very certificate are named above.
    if (mapping.certificateSha256.toLowerCase() === sha256) continue;
    lines.push(info(`one-to-one ${mapping.id} -> ${mapping.account}: same subject but another certificate (${mapping.certificateSha256}): a reissued certificate does not match (spec section 2)`));
  }
  const matched = site.oneToOne.has(sha256);
  if (!matched && lines.length === 0) lines.push(info(`one-to-one: no mapping for this certificate (SHA-256 ${sha256}) among ${config.oneToOne.length}`));
  return { lines, matched };
}

/**
 * What-if's account of the local mapper, after `trace`: one-to-one first, then every many-to-one
 * mapping in order with the rule that failed, up to the one that decided (spec sections 2-3).
 * Returns the trace with these lines, in a new array when many-to-one mappings were walked.
 *
 * The walk costs a copy, not a match per mapping (many-to-one-walk.ts): the site's index names the
 * few mappings that could match, and every other one fails at the rule the index knows.
 */
export function explainMapping(site: PreparedSite, sha256: string, values: FieldValues, subject: string, trace: TraceStep[]): TraceStep[] {
  const oneToOne = explainOneToOne(site, sha256, subject);
  for (const line of oneToOne.lines) trace.push(line);
  if (oneToOne.matched) {
    trace.push(info('many-to-one: not tried, one-to-one mappings take precedence (spec section 3)'));
    return trace;
  }
  if (!site.site.manyToOneEnabled) {
    trace.push(info('many-to-one mappings are disabled for this site: skipped'));
    return trace;
  }
  if (site.manyToOne.length === 0) {
    trace.push(info('many-to-one: the site has no many-to-one mappings'));
    return trace;
  }
  const walked = walkManyToOne(site.manyToOneWalk(), values, trace);
  const untried = site.manyToOne.length - walked.tried;
  if (untried > 0) walked.trace.push(info(`many-to-one: ${untried} later mapping(s) not tried: the first match decides`));
  return walked.trace;
}
