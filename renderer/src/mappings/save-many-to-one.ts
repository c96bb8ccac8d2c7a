import type { ManyToOneMapping, MatchRule } from '../../../shared/models/site';
import { invoke } from '../api';

/** What the rule editor saves. */
export interface ManyToOneInput {
  name: string;
  description: string;
  enabled: boolean;
  permission: 'allow' | 'deny';
  account: string | null;
  rules: MatchRule[];
  password?: string;
}

const addInput = (site: string, input: ManyToOneInput, position?: number) => ({
  site,
  name: input.name,
  description: input.description,
  permission: input.permission,
  account: input.permission === 'allow' ? input.account : null,
  rules: input.rules,
  enabled: input.enabled,
  ...(position ? { position } : {}),
  ...(input.password ? { password: input.password } : {}),
});

/**
 * Add a mapping, or replace one in place. The contract has no "update" for many-to-one mappings, so an
 * edit is add-then-remove at the same position (or remove-then-add when the name stays, since names are
 * unique); if the add fails after a remove, the original is put back where it was.
 */
export async function saveManyToOne(site: string, input: ManyToOneInput, original: { mapping: ManyToOneMapping; position: number } | null): Promise<void> {
  if (!original) {
    await invoke('mappings.manyToOne.add', addInput(site, input));
    return;
  }
  const { mapping, position } = original;
  if (mapping.name.toLowerCase() !== input.name.toLowerCase()) {
    await invoke('mappings.manyToOne.add', addInput(site, input, position));
    await invoke('mappings.manyToOne.remove', { site, name: mapping.name });
    return;
  }
  await invoke('mappings.manyToOne.remove', { site, name: mapping.name });
  try {
    await invoke('mappings.manyToOne.add', addInput(site, input, position));
  } catch (error) {
    // Put the original back (its stored password cannot be read back, so it returns without one).
    await invoke('mappings.manyToOne.add', addInput(site, mapping, position)).catch(() => undefined);
    throw error;
  }
}
