import type { OneToOneMapping } from '../../shared/models/site';
import type { CompiledManyToOne } from './many-to-one';
import type { FieldValues } from './certificate-fields';
import type { PreparedSite } from './prepared-site';

/** What the local mapper decided for one certificate: independent of the folder, so computed once per connection. */
export type MappingOutcome =
  | { kind: 'one-to-one'; mapping: OneToOneMapping }
  | { kind: 'many-to-one'; compiled: CompiledManyToOne }
  | { kind: 'none' };

/**
 * The local mapper (spec sections 2-3): a Map lookup by SHA-256 first (one-to-one beats
 * many-to-one), then the first enabled many-to-one mapping in order that matches, found through
 * the site's index. Cost grows neither with the number of one-to-one mappings nor with the
 * many-to-one mappings that cannot match.
 */
export function mapCertificate(site: PreparedSite, sha256: string, values: FieldValues): MappingOutcome {
  const exact = site.oneToOne.get(sha256);
  if (exact) return { kind: 'one-to-one', mapping: exact };
  const rule = site.manyToOneIndex.first(values);
  return rule ? { kind: 'many-to-one', compiled: rule } : { kind: 'none' };
}

/** The decidedBy text of the audit log and what-if. */
export function decidedByOf(outcome: MappingOutcome): string | null {
  if (outcome.kind === 'one-to-one') return `one-to-one ${outcome.mapping.id} (${outcome.mapping.subject})`;
  if (outcome.kind === 'many-to-one') return `many-to-one "${outcome.compiled.mapping.name}"`;
  return null;
}
