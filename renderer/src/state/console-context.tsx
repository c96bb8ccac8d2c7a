import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConnectionNodeId } from '../connections/connection-nodes';
import { useGuardedLeave } from './navigation-guard';

/** A line for the status bar: the outcome of the last operation. */
export interface StatusMessage {
  text: string;
  severity: 'info' | 'success' | 'error';
  at: number;
}

/** Dialogs that act on the selected certificate, opened from the actions pane or the list's keyboard. */
export type CertificateDialog = 'delete' | 'move' | 'renew' | null;

/** The selected certificate, whose details are open, and which certificate dialog is showing. */
export interface Selection {
  selectedSha256: string | null;
  detailsSha256: string | null;
  certificateDialog: CertificateDialog;
}

/** Which side panes are shown. */
export interface Panes {
  connections: boolean;
  actions: boolean;
}

/** Everything that changes the console's state; stable for the provider's lifetime, so using it never re-renders. */
export interface ConsoleActions {
  /**
   * Select a node in the Connections tree. A pane with changes not applied is asked first (navigation-guard.tsx):
   * false when the move waits for that answer. `force`: the open pane's subject was just removed, nothing to ask.
   */
  selectNode(node: ConnectionNodeId, options?: { force?: boolean }): boolean;
  selectCertificate(sha256: string | null): void;
  openDetails(sha256: string): void;
  /** Close the details panel; with a fingerprint, only if it shows that certificate. */
  closeDetails(sha256?: string): void;
  setCertificateDialog(dialog: CertificateDialog): void;
  togglePane(pane: keyof Panes): void;
  report(text: string, severity?: StatusMessage['severity']): void;
}

// Pane layout and selection as a small React context, split in slices so that moving the selection
// with the arrow keys re-renders the list and the actions pane, not the tree, top bar and status bar.
const NodeContext = createContext<ConnectionNodeId | null>(null);
const SelectionContext = createContext<Selection | null>(null);
const PanesContext = createContext<Panes | null>(null);
const StatusContext = createContext<StatusMessage | null | undefined>(undefined);
const ActionsContext = createContext<ConsoleActions | null>(null);

/** Holds the console's selection, layout and status line for everything below it. */
export function ConsoleProvider({ children }: { children: ReactNode }) {
  const [node, setNode] = useState<ConnectionNodeId>('start');
  const [selection, setSelection] = useState<Selection>({ selectedSha256: null, detailsSha256: null, certificateDialog: null });
  const [panes, setPanes] = useState<Panes>({ connections: true, actions: true });
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const nodeRef = useRef(node);
  const leave = useGuardedLeave();

  const selectNode = useCallback(
    (next: ConnectionNodeId, options?: { force?: boolean }) => {
      if (next === nodeRef.current) return true;
      const go = () => {
        nodeRef.current = next;
        setNode(next);
        // A certificate selected in one store is not shown in another: moving in the tree starts afresh.
        setSelection({ selectedSha256: null, detailsSha256: null, certificateDialog: null });
      };
      if (!options?.force) return leave(go);
      go();
      return true;
    },
    [leave],
  );

  const actions = useMemo<ConsoleActions>(
    () => ({
      selectNode,
      selectCertificate: (sha256) => setSelection((s) => (s.selectedSha256 === sha256 ? s : { ...s, selectedSha256: sha256 })),
      openDetails: (sha256) => setSelection((s) => ({ ...s, selectedSha256: sha256, detailsSha256: sha256 })),
      closeDetails: (sha256) => setSelection((s) => (sha256 === undefined || s.detailsSha256 === sha256 ? { ...s, detailsSha256: null } : s)),
      setCertificateDialog: (certificateDialog) => setSelection((s) => ({ ...s, certificateDialog })),
      togglePane: (pane) => setPanes((p) => ({ ...p, [pane]: !p[pane] })),
      report: (text, severity = 'info') => setStatus({ text, severity, at: Date.now() }),
    }),
    [selectNode],
  );

  return (
    <ActionsContext.Provider value={actions}>
      <NodeContext.Provider value={node}>
        <SelectionContext.Provider value={selection}>
          <PanesContext.Provider value={panes}>
            <StatusContext.Provider value={status}>{children}</StatusContext.Provider>
          </PanesContext.Provider>
        </SelectionContext.Provider>
      </NodeContext.Provider>
    </ActionsContext.Provider>
  );
}

function required<T>(value: T | null | undefined, hook: string): T {
  if (value === null || value === undefined) throw new Error(`${hook}() outside ConsoleProvider`);
  return value;
}

/** The stable actions that change selection, layout and status. */
export const useConsoleActions = (): ConsoleActions => required(useContext(ActionsContext), 'useConsoleActions');
/** The node selected in the Connections tree. */
export const useSelectedNode = (): ConnectionNodeId => required(useContext(NodeContext), 'useSelectedNode');
/** The selected certificate, open details and dialog. */
export const useSelection = (): Selection => required(useContext(SelectionContext), 'useSelection');
/** Which side panes are shown. */
export const usePanes = (): Panes => required(useContext(PanesContext), 'usePanes');

/** The status bar's last message (null before the first operation). */
export function useStatusMessage(): StatusMessage | null {
  const value = useContext(StatusContext);
  if (value === undefined) throw new Error('useStatusMessage() outside ConsoleProvider');
  return value;
}
