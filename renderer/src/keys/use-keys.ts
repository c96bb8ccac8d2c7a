import { useState } from 'react';
import type { DataChangedEvent } from '../../../shared/ipc';
import type { KeyInfo, PendingRequest } from '../../../shared/models/key';
import { invoke } from '../api';
import { useTopicRefresh } from '../state/use-topic-refresh';

// A key's certificates come from the certificate store, so its changes refresh the list too; and a
// `certmapper key` run in another process shows up as a config.json change, which the watch calls 'sites'.
const TOPICS = new Set<DataChangedEvent['topic']>(['keys', 'certificates', 'sites']);

/** The Key Manager's keys and pending requests, reloaded when main says keys or certificates changed. */
export function useKeys(): { keys: KeyInfo[]; requests: PendingRequest[]; loaded: boolean; error: string | null } {
  const [data, setData] = useState<{ keys: KeyInfo[]; requests: PendingRequest[] }>({ keys: [], requests: [] });
  const { loaded, error } = useTopicRefresh(async () => setData(await invoke('keys.list', {})), TOPICS);
  return { ...data, loaded, error };
}
