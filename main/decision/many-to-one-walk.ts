import type { TraceStep } from '../../shared/models/decision';
import type { FieldReader, FieldValues } from './certificate-fields';
import { mappingInfo, type CompiledManyToOne } from './many-to-one';
import type { ManyToOneIndex } from './many-to-one-index';

/**
 * What-if's walk over a site's many-to-one mappings in list order, laid out once per snapshot (on
 * the first what-if; the gateway never walks). Most mappings cannot match a given certificate and
 * fail at the rule the index files them under, so their lines are known in advance: a walk copies
 * those lines and works out only the few that depend on the certificate. A thousand mappings cost
 * a copy, not a thousand matches.
 */
export interface ManyToOneWalk {
  readonly all: readonly CompiledManyToOne[];
  readonly index: ManyToOneIndex;
  /** By position among the active mappings (the index's numbering): the position in `all`. */
  readonly listPosition: Int32Array;
  /** By position in `all`: its line when inactive, or when it fails at the rule the index knows. */
  readonly knownLines: readonly TraceStep[];
  /** Active positions, ascending, whose known rule is not their first: an earlier rule may fail first. */
  readonly lateKnown: readonly number[];
  /** The fields the active mappings test, each once. */
  readonly fields: readonly FieldReader[];
}

export function buildManyToOneWalk(all: readonly CompiledManyToOne[], active: readonly CompiledManyToOne[], index: ManyToOneIndex): ManyToOneWalk {
  const listPosition = new Int32Array(active.length);
  const knownLines: TraceStep[] = [];
  const lateKnown: number[] = [];
  const fields = new Map<number, FieldReader>();
  // `active` is `all` without the inactive mappings, in the same order.
  for (let position = 0, a = 0; position < all.length; position++) {
    const compiled = all[position]!;
    const steps = compiled.traceSteps();
    if (compiled !== active[a]) {
      knownLines.push(steps.inactive);
      continue;
    }
    const miss = index.knownMiss[a]!;
    if (miss > 0) lateKnown.push(a);
    for (const rule of compiled.rules) if (rule.reader && !fields.has(rule.reader.slot)) fields.set(rule.reader.slot, rule.reader);
    // An unfiled mapping (miss -1) is always a candidate: its line is worked out per certificate.
    knownLines.push(miss >= 0 ? steps.misses[miss]! : steps.matched);
    listPosition[a++] = position;
  }
  return { all, index, listPosition, knownLines, lateKnown, fields: [...fields.values()] };
}

/** What the certificate has in one field: said once, before the mappings that test it. */
function valuesLine(reader: FieldReader, values: FieldValues): TraceStep {
  const seen = values.of(reader);
  const detail = seen.length === 0 ? `the certificate has no ${reader.name} value` : `the certificate's ${reader.name}: ${seen.map((v) => JSON.stringify(v)).join(', ')}`;
  return mappingInfo(detail);
}

/** Room left for the lines the decision adds after the walk, so that adding them copies nothing. */
const SPARE: readonly TraceStep[] = new Array<TraceStep>(8);

/**
 * `trace` followed by the certificate's values of the fields the mappings test and a line per
 * mapping tried, in order, up to the first that matches: inactive, the first rule that failed, or
 * the match (spec section 3). A new array, made at its final size by one concat of the known lines:
 * grown by push, a trace of a thousand lines would be copied several times over, and filled line by
 * line it cost a third more per what-if than the copy concat makes (README, Benchmarks).
 */
export function walkManyToOne(walk: ManyToOneWalk, values: FieldValues, trace: readonly TraceStep[]): { trace: TraceStep[]; tried: number } {
  const { all, index, listPosition, knownLines, lateKnown } = walk;
  const candidates = index.candidates(values);
  // The candidates, in order, up to the first whose rules all hold: the mapping that decides.
  const worked: { position: number; line: TraceStep }[] = [];
  let tried = all.length;
  for (const a of candidates) {
    const compiled = all[listPosition[a]!]!;
    const miss = compiled.firstMiss(values);
    const steps = compiled.traceSteps();
    worked.push({ position: listPosition[a]!, line: miss < 0 ? steps.matched : steps.misses[miss]! });
    if (miss < 0) {
      tried = listPosition[a]! + 1;
      break;
    }
  }
  // A mapping that is no candidate fails at its known rule, unless an earlier rule fails first.
  for (let l = 0, c = 0; l < lateKnown.length; l++) {
    const a = lateKnown[l]!;
    const position = listPosition[a]!;
    if (position >= tried) break;
    while (c < candidates.length && candidates[c]! < a) c++;
    if (candidates[c] === a) continue;
    const compiled = all[position]!;
    worked.push({ position, line: compiled.traceSteps().misses[compiled.firstMiss(values, index.knownMiss[a]!)]! });
  }
  const fields = walk.fields.map((reader) => valuesLine(reader, values));
  // One concat: V8 copies each part whole (a memory copy), where a loop stores line by line.
  const out = trace.concat(fields, tried === knownLines.length ? knownLines : knownLines.slice(0, tried), SPARE);
  const first = trace.length + fields.length;
  for (const { position, line } of worked) out[first + position] = line;
  // Shortening keeps the capacity (V8 trims a backing store only when it would be half empty).
  out.length = first + tried;
  return { trace: out, tried };
}
