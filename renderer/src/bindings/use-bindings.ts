import { useState } from 'react';
import type { DataChangedEvent } from '../../../shared/ipc';
import type { BindingRow } from '../../../shared/models/binding';
import { invoke } from '../api';
import { useTopicRefresh } from '../state/use-topic-refresh';

// Bindings live in the sites' document, and each row shows its certificate: any of these refreshes it.
const TOPICS = new Set<DataChangedEvent['topic']>(['bindings', 'sites', 'certificates']);

/** Every site's bindings, reloaded whenever main says sites, bindings or certificates changed. */
export function useBindings(): { rows: BindingRow[]; loaded: boolean; error: string | null } {
  const [rows, setRows] = useState<BindingRow[]>([]);
  const { loaded, error } = useTopicRefresh(async () => setRows((await invoke('bindings.list', {})).items), TOPICS);
  return { rows, loaded, error };
}
