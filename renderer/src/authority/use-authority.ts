import { useState } from 'react';
import type { DataChangedEvent } from '../../../shared/ipc';
import type { AuthorityInfo, IssuedCertificate } from '../../../shared/models/authority';
import { invoke } from '../api';
import { useTopicRefresh } from '../state/use-topic-refresh';

// `ca` run by the CLI shows up as an authority.json change ('authority'); a CRL reissued by serve's
// timer, or a CA certificate deleted from the store, as a certificates.json change.
const TOPICS = new Set<DataChangedEvent['topic']>(['authority', 'certificates']);

/** The local authority and its register, reloaded when main says either changed. */
export function useAuthority(): { authority: AuthorityInfo | null; issued: IssuedCertificate[]; loaded: boolean; error: string | null } {
  const [data, setData] = useState<{ authority: AuthorityInfo | null; issued: IssuedCertificate[] }>({ authority: null, issued: [] });
  const { loaded, error } = useTopicRefresh(async () => {
    const { authority } = await invoke('authority.status', {});
    setData({ authority, issued: authority ? (await invoke('authority.issued', {})).items : [] });
  }, TOPICS);
  return { ...data, loaded, error };
}
