import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { STORE_NAMES, type AppInfo, type CertificateListItem, type DataChangedEvent, type StoreName } from '../../../shared/ipc';
import { invoke } from '../api';
import { useTopicRefresh } from './use-topic-refresh';

/** What the console caches from main: app info and every certificate summary, refreshed on `data.changed`. */
export interface ConsoleData {
  info: AppInfo | null;
  /** Summaries with each certificate's revocation status (from the store's CRLs and the local authority). */
  certificates: CertificateListItem[];
  bySha256: Map<string, CertificateListItem>;
  countsByStore: Record<StoreName, number>;
  loaded: boolean;
  error: string | null;
  refresh(): Promise<void>;
}

const ConsoleDataContext = createContext<ConsoleData | null>(null);
const EMPTY: CertificateListItem[] = [];
const CERTIFICATE_TOPICS = new Set<DataChangedEvent['topic']>(['certificates', 'crls']);

/** Loads the cache once, then refreshes it whenever main says the data changed. */
export function ConsoleDataProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [certificates, setCertificates] = useState<CertificateListItem[]>(EMPTY);
  // Sites, mappings and accounts have their own cache: only certificate changes re-read 50,000 summaries.
  const { loaded, error, refresh } = useTopicRefresh(async () => {
    const [nextInfo, list] = await Promise.all([invoke('app.info', {}), invoke('certificates.list', {})]);
    setInfo(nextInfo);
    setCertificates(list.items);
  }, CERTIFICATE_TOPICS);

  const bySha256 = useMemo(() => new Map(certificates.map((c) => [c.sha256, c])), [certificates]);
  const countsByStore = useMemo(() => {
    const counts = Object.fromEntries(STORE_NAMES.map((s) => [s, 0])) as Record<StoreName, number>;
    for (const c of certificates) counts[c.store]++;
    return counts;
  }, [certificates]);

  const value = useMemo<ConsoleData>(
    () => ({ info, certificates, bySha256, countsByStore, loaded, error, refresh }),
    [info, certificates, bySha256, countsByStore, loaded, error, refresh],
  );
  return <ConsoleDataContext.Provider value={value}>{children}</ConsoleDataContext.Provider>;
}

/** The cached data; only valid under ConsoleDataProvider. */
export function useConsoleData(): ConsoleData {
  const value = useContext(ConsoleDataContext);
  if (!value) throw new Error('useConsoleData() outside ConsoleDataProvider');
  return value;
}
