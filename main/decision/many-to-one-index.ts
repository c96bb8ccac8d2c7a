import type { FieldReader, FieldValues } from './certificate-fields';
import type { CompiledManyToOne, CompiledRule } from './many-to-one';

/** Mappings filed under the literal start of one of their rules, for one field compared one way. */
interface Bucket {
  reader: FieldReader;
  folded: boolean;
  /** The distinct head lengths filed here, ascending. */
  lengths: number[];
  /** Head (the pattern up to its first star) -> positions in the active list, ascending. */
  byHead: Map<string, number[]>;
}

/** The literal start of a compiled pattern: every value the rule matches starts with it (wildcard.ts). */
const headOf = (rule: CompiledRule) => {
  const star = rule.pattern.indexOf('*');
  return star < 0 ? rule.pattern : rule.pattern.slice(0, star);
};

/**
 * The first-match search over a site's active many-to-one mappings (spec section 3: in order, the
 * first whose rules all hold decides) without trying every mapping. Each mapping is filed under the
 * rule with the longest literal start; a certificate's values of that field, cut to each filed
 * length, find the only mappings whose rule can hold, and those are tried in list order together
 * with the mappings that could not be filed (every rule starts with a star). A mapping not found
 * this way has a rule no value can satisfy, so the first match is the one a full walk would find.
 * Built once per snapshot.
 */
export class ManyToOneIndex {
  private readonly buckets: Bucket[] = [];
  /** Positions of mappings with no literal start to file them under: always tried. */
  private readonly unfiled: number[] = [];
  /**
   * By position: the rule that fails for every certificate that does not find the mapping through
   * the index (the rule it is filed under, or its first rule on a field CertMapper does not know);
   * -1 for unfiled mappings, which are always tried.
   */
  readonly knownMiss: number[] = [];

  constructor(private readonly active: readonly CompiledManyToOne[]) {
    const byField = new Map<string, Bucket>();
    active.forEach((compiled, position) => {
      // A rule on a field CertMapper does not know matches nothing: neither does its mapping.
      const unknown = compiled.rules.findIndex((rule) => rule.reader === null);
      if (unknown >= 0) {
        this.knownMiss[position] = unknown;
        return;
      }
      let best: CompiledRule | null = null;
      for (const rule of compiled.rules) if (!best || headOf(rule).length > headOf(best).length) best = rule;
      const head = best ? headOf(best) : '';
      if (!best || head === '') {
        this.knownMiss[position] = -1;
        this.unfiled.push(position);
        return;
      }
      this.knownMiss[position] = compiled.rules.indexOf(best);
      const key = `${best.reader!.name}|${best.folded}`;
      let bucket = byField.get(key);
      if (!bucket) byField.set(key, (bucket = { reader: best.reader!, folded: best.folded, lengths: [], byHead: new Map() }));
      const list = bucket.byHead.get(head);
      if (list) list.push(position);
      else bucket.byHead.set(head, [position]);
      if (!bucket.lengths.includes(head.length)) bucket.lengths.push(head.length);
    });
    for (const bucket of byField.values()) {
      bucket.lengths.sort((a, b) => a - b);
      this.buckets.push(bucket);
    }
  }

  /**
   * The positions, ascending and each once, of the active mappings whose rules might all hold for
   * these values: those filed under a literal start the values begin with, and the unfiled ones.
   * Every other active mapping fails at its knownMiss rule.
   */
  candidates(values: FieldValues): number[] {
    const hits: number[] = [];
    for (const bucket of this.buckets) {
      for (const value of bucket.folded ? values.folded(bucket.reader) : values.of(bucket.reader)) {
        for (const length of bucket.lengths) {
          if (length > value.length) break;
          const filed = bucket.byHead.get(length === value.length ? value : value.slice(0, length));
          if (filed) for (const position of filed) hits.push(position);
        }
      }
    }
    if (hits.length > 1) hits.sort((a, b) => a - b);
    // Merge the two ascending lists, each position once.
    const { unfiled } = this;
    const merged: number[] = [];
    for (let h = 0, u = 0; h < hits.length || u < unfiled.length; ) {
      const position = u >= unfiled.length || (h < hits.length && hits[h]! < unfiled[u]!) ? hits[h++]! : unfiled[u++]!;
      if (position !== merged[merged.length - 1]) merged.push(position);
    }
    return merged;
  }

  /** The first active mapping, in order, whose rules all match these values; null when none does. */
  first(values: FieldValues): CompiledManyToOne | null {
    for (const position of this.candidates(values)) {
      const compiled = this.active[position]!;
      if (compiled.firstMiss(values) < 0) return compiled;
    }
    return null;
  }
}
