import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DataChangedEvent } from '../../../shared/ipc';
import type { Account, Site } from '../../../shared/models/site';
import { errorMessage, invoke, onEvent } from '../api';

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
const TOPICS = new Set<DataChangedEvent['topic']>(['sites', 'mappings', 'accounts']);

const SitesDataContext = createContext<SitesData | null>(null);

/** Loads sites and accounts once, then again whenever main says they changed. */
export function SitesDataProvider({ children }: { children: ReactNode }) {
  const [sites, setSites] = useState<Site[]>([]);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  // Same coalescing as the certificate cache: one fetch at a time, one more if asked for meanwhile.
  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = async () => {
      do {
        again.current = false;
        try {
          const [siteList, accountList] = await Promise.all([invoke('sites.list', {}), invoke('accounts.list', {})]);
          setSites(siteList.items);
          setAccounts([...accountList.items].sort((a, b) => a.name.localeCompare(b.name)));
          setError(null);
        } catch (caught) {
          setError(errorMessage(caught));
        }
      } while (again.current);
      setLoaded(true);
      inFlight.current = null;
    };
    inFlight.current = run();
    return inFlight.current;
  }, []);

  useEffect(() => {
    void refresh();
    return onEvent('data.changed', ({ topic }) => {
      if (TOPICS.has(topic)) void refresh();
    });
  }, [refresh]);

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
