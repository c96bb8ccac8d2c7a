// The record keeps decidedByOf's text (main/decision/mapping-outcome.ts), which the what-if trace, the
// refusal page and the CLI share; only the Audit Log rewords it, and its tooltip keeps the original.
const ONE_TO_ONE = /^one-to-one \S+ \((.*)\)$/s;
const MANY_TO_ONE = /^many-to-one (".*")$/s;

/**
 * What decided, readably, the part that tells mappings apart first (the column is narrow and cuts
 * the end): "CN=alice, O=Example (one-to-one)", ""Staff" (many-to-one)", "Anonymous"; other text as it is.
 */
export function decidedByLabel(decidedBy: string): string {
  const oneToOne = ONE_TO_ONE.exec(decidedBy);
  if (oneToOne) return `${oneToOne[1]} (one-to-one)`;
  const manyToOne = MANY_TO_ONE.exec(decidedBy);
  if (manyToOne) return `${manyToOne[1]} (many-to-one)`;
  return decidedBy === 'anonymous' ? 'Anonymous' : decidedBy;
}
