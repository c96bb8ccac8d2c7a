import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ConsoleAction } from './action-group';

/** A group of actions a feature page shows in the Actions pane (IIS puts Apply, Add…, Remove there). */
export interface PublishedActions {
  title: string;
  actions: ConsoleAction[];
}

type Publish = (group: PublishedActions | null) => void;

// Two contexts: pages that publish never re-render when the Actions pane's copy changes.
const PublishContext = createContext<Publish | null>(null);
const PublishedContext = createContext<PublishedActions | null>(null);

/** Carries the open feature page's actions to the Actions pane. */
export function PublishedActionsProvider({ children }: { children: ReactNode }) {
  const [group, setGroup] = useState<PublishedActions | null>(null);
  return (
    <PublishContext.Provider value={setGroup}>
      <PublishedContext.Provider value={group}>{children}</PublishedContext.Provider>
    </PublishContext.Provider>
  );
}

/** Show these actions in the Actions pane while the calling page is mounted (they follow every render). */
export function usePublishActions(title: string, actions: ConsoleAction[]): void {
  const publish = useContext(PublishContext);
  if (!publish) throw new Error('usePublishActions() outside PublishedActionsProvider');
  // Every render: the actions close over the page's current state (selection, draft).
  useEffect(() => publish({ title, actions }));
  useEffect(() => () => publish(null), [publish]);
}

/** The open page's actions, for the Actions pane. */
export function usePublishedActions(): PublishedActions | null {
  return useContext(PublishedContext);
}
