import { useEffect, useRef, useState } from 'react';
import type { DataChangedEvent } from '../../../shared/ipc';
import type { ExpiryOverview } from '../../../shared/models/expiry';
import { invoke } from '../api';
import { useTopicRefresh } from '../state/use-topic-refresh';

// What is used where comes from sites, bindings and mappings; what expires from certificates and CRLs.
const TOPICS = new Set<DataChangedEvent['topic']>(['certificates', 'crls', 'sites', 'mappings', 'bindings', 'expiry']);

/** The expiry overview (in use only, or everything stored), reloaded whenever what it depends on, or the scope, changes. */
export function useExpiryOverview(scope: 'in-use' | 'all'): { overview: ExpiryOverview | null; error: string | null } {
  const [overview, setOverview] = useState<ExpiryOverview | null>(null);
  const { error, refresh } = useTopicRefresh(async () => setOverview(await invoke('expiry.overview', { scope })), TOPICS);
  // The first load is useTopicRefresh's own; a later change of scope loads again.
  const loadedScope = useRef(scope);
  useEffect(() => {
    if (loadedScope.current === scope) return;
    loadedScope.current = scope;
    void refresh();
  }, [scope, refresh]);
  return { overview, error };
}
