import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { DataChangedEvent } from '../../../shared/ipc';
import type { Account, Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { useTopicRefresh } from './use-topic-refresh';

/** What the console caches of sites (with their mappings) and accounts, refreshed on `data.changed`. */
export interface SitesData {
  sites: Site[];
  siteById: ReadonlyMap<string, Site>;
  accounts: Account[];
  loaded: boolean;
  error: string | null;
  refresh(): Promise<void>;
}

// Mappings and accounts live in the same config document as sites (a CLI change to it is announced as
// "sites"), and a handful of sites costs nothing to re-read: any of these topics refreshes both lists.
const TOPICS = new Set<DataChangedEvent['topic']>(['sites', 'mappings', 'accounts', 'bindings']);

const SitesDataContext = createContext<SitesData | null>(null);

/** Loads sites and accounts once, then again whenever main says they changed. */
export function SitesDataProvider({ children }: { children: ReactNode }) {
  const [sites, setSites] = useState<Site[]>([]);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const { loaded, error, refresh } = useTopicRefresh(async () => {
    const [siteList, accountList] = await Promise.all([invoke('sites.list', {}), invoke('accounts.list', {})]);
    setSites(siteList.items);
    setAccounts([...accountList.items].sort((a, b) => a.name.localeCompare(b.name)));
  }, TOPICS);

  const siteById = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites]);
  const value = useMemo<SitesData>(() => ({ sites, siteById, accounts, loaded, error, refresh }), [sites, siteById, accounts, loaded, error, refresh]);
  return <SitesDataContext.Provider value={value}>{children}</SitesDataContext.Provider>;
}

/** The cached sites and accounts; only valid under SitesDataProvider. */
export function useSitesData(): SitesData {
  const value = useContext(SitesDataContext);
  if (!value) throw new Error('useSitesData() outside SitesDataProvider');
  return value;
}
