import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { StoreName } from '../../../shared/ipc';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import type { DropClaim } from './drop-claim';
import { DropOverlay } from './drop-overlay';
import { ImportDialog } from './import-dialog';
import type { ImportOptions } from './import-options';
import { mergeFiles, type ImportState } from './import-state';
import { PastePemDialog } from './paste-pem-dialog';
import { PastedText, sourceOfImport } from './pasted-text';
import { runImport } from './run-import';
import { describeSummary, summarizeResults } from './summarize-results';

/** Ways into the import flow, for the actions pane, the start page and the drop target. */
export interface ImportFlow {
  addFiles(files: File[]): void;
  pickFiles(): void;
  openPaste(): void;
  busy: boolean;
  /** Let a page take dropped files while it is shown; returns the release function. */
  claimDrops(claim: DropClaim): () => void;
}

const ImportContext = createContext<ImportFlow | null>(null);

/** Owns the import flow and its UI: drop overlay, hidden file input, import and paste dialogs. */
export function ImportProvider({ children }: { children: ReactNode }) {
  const { report } = useConsoleActions();
  const { refresh } = useConsoleData();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const [pasteOpen, setPasteOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const running = state.phase === 'running';
  // The latest claim wins (the page shown last); releasing it restores the one before.
  const [claims, setClaims] = useState<readonly DropClaim[]>([]);
  const claim = claims[claims.length - 1];
  const claimDrops = useCallback((next: DropClaim) => {
    setClaims((list) => [...list, next]);
    return () => setClaims((list) => list.filter((c) => c !== next));
  }, []);

  const addFiles = useCallback(
    (files: File[]) => {
      if (running) {
        report('An import is running: drop the other files when it has finished.', 'error');
        return;
      }
      setState((current) => ({ phase: 'prepare', files: mergeFiles(current.phase === 'prepare' ? current.files : [], files) }));
    },
    [running, report],
  );

  const start = useCallback(
    async (files: File[], options: ImportOptions) => {
      const controller = new AbortController();
      abort.current = controller;
      setState({ phase: 'running', files, done: 0, total: files.length, cancelling: false });
      const results = await runImport(
        files,
        options,
        (done, total) => setState((s) => (s.phase === 'running' ? { ...s, done, total } : s)),
        controller.signal,
      );
      abort.current = null;
      setState({ phase: 'done', files, results, options, retrying: new Set() });
      const summary = summarizeResults(results);
      report(describeSummary(summary, sourceOfImport(files)), summary.refused ? 'error' : 'success');
      // The data.changed event refreshes too; this covers a dropped event stream (refresh coalesces).
      void refresh();
    },
    [refresh, report],
  );

  const retry = useCallback(
    async (index: number, password: string) => {
      if (state.phase !== 'done') return;
      const file = state.files[index];
      if (!file) return;
      const options = { ...state.options, password: password || undefined };
      setState((s) => (s.phase === 'done' ? { ...s, retrying: new Set([...s.retrying, index]) } : s));
      const [result] = await runImport([file], options, () => {});
      setState((s) => {
        if (s.phase !== 'done' || !result) return s;
        const results = s.results.slice();
        results[index] = result;
        const retrying = new Set(s.retrying);
        retrying.delete(index);
        return { ...s, results, retrying };
      });
      if (result) report(result.ok ? `Imported ${result.file}` : `${result.file}: ${result.error?.message ?? 'refused'}`, result.ok ? 'success' : 'error');
      void refresh();
    },
    [state, refresh, report],
  );

  const onPasted = useCallback(
    (text: string, store: StoreName | undefined) => {
      setPasteOpen(false);
      void start([new PastedText(text)], { store });
    },
    [start],
  );

  const value = useMemo<ImportFlow>(
    () => ({ addFiles, pickFiles: () => input.current?.click(), openPaste: () => setPasteOpen(true), busy: running, claimDrops }),
    [addFiles, running, claimDrops],
  );

  return (
    <ImportContext.Provider value={value}>
      {children}
      {/* No `accept` filter: the content decides the format, and users keep certificates under any extension. */}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="import-file-input"
        aria-label="Choose certificate files to import"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length) addFiles(files);
        }}
      />
      <DropOverlay onFiles={claim ? claim.onFiles : addFiles} title={claim?.title} hint={claim?.hint} />
      <ImportDialog
        state={state}
        onStart={(options) => state.phase === 'prepare' && void start(state.files, options)}
        onRemoveFile={(index) =>
          setState((s) => (s.phase === 'prepare' ? { ...s, files: s.files.filter((_, i) => i !== index) } : s))
        }
        onCancelRun={() => {
          abort.current?.abort();
          setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
        }}
        onRetry={(index, password) => void retry(index, password)}
        onClose={() => setState({ phase: 'idle' })}
      />
      <PastePemDialog open={pasteOpen} onClose={() => setPasteOpen(false)} onImport={onPasted} />
    </ImportContext.Provider>
  );
}

/** The import flow; only valid under ImportProvider. */
export function useImport(): ImportFlow {
  const value = useContext(ImportContext);
  if (!value) throw new Error('useImport() outside ImportProvider');
  return value;
}
