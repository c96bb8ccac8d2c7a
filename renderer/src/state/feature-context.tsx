import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConnectionNodeId } from '../connections/connection-nodes';
import { useSelectedNode } from './console-context';
import { useGuardedLeave } from './navigation-guard';

/** The feature pages of a site or folder, as IIS Manager's features view lists them. */
export type SiteFeatureId = 'ssl' | 'mappings' | 'trust' | 'authorization' | 'audit';

interface OpenFeature {
  node: ConnectionNodeId;
  feature: SiteFeatureId;
}

interface FeatureState {
  open: OpenFeature | null;
  openFeature(node: ConnectionNodeId, feature: SiteFeatureId | null): void;
}

const FeatureContext = createContext<FeatureState | null>(null);

/** Which feature page is open in the middle pane, kept with the node it was opened on so no other node shows it. */
export function FeatureProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<OpenFeature | null>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const leave = useGuardedLeave();
  // Going back to Home or opening another page leaves the open one: a pane with changes not applied is asked first.
  const openFeature = useCallback(
    (node: ConnectionNodeId, feature: SiteFeatureId | null) => {
      const current = openRef.current;
      if ((current && current.node === node ? current.feature : null) === feature) return;
      leave(() => setOpen(feature ? { node, feature } : null));
    },
    [leave],
  );
  // As in IIS Manager, coming back to a node shows its Home, not the page left open there earlier.
  const node = useSelectedNode();
  useEffect(() => setOpen((current) => (current && current.node !== node ? null : current)), [node]);
  const value = useMemo(() => ({ open, openFeature }), [open, openFeature]);
  return <FeatureContext.Provider value={value}>{children}</FeatureContext.Provider>;
}

/** The feature open on the selected node (null: its features view), and how to open another or go back. */
export function useOpenFeature(): { feature: SiteFeatureId | null; openFeature(feature: SiteFeatureId | null): void } {
  const value = useContext(FeatureContext);
  if (!value) throw new Error('useOpenFeature() outside FeatureProvider');
  const node = useSelectedNode();
  const { open, openFeature } = value;
  return useMemo(
    () => ({
      feature: open && open.node === node ? open.feature : null,
      openFeature: (feature: SiteFeatureId | null) => openFeature(node, feature),
    }),
    [open, node, openFeature],
  );
}
