import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import type { ImportOptions } from './import-options';
import { ImportPrepareForm, IMPORT_FORM_ID } from './import-prepare-form';
import { ImportProgress } from './import-progress';
import { ImportResultsList } from './import-results-list';
import type { ImportState } from './import-state';
import { sourceOfImport } from './pasted-text';
import { describeSummary, summarizeResults } from './summarize-results';

interface Props {
  state: ImportState;
  onStart(options: ImportOptions): void;
  onRemoveFile(index: number): void;
  onCancelRun(): void;
  onRetry(index: number, password: string): void;
  onClose(): void;
}

/** The import dialog through its three phases; results stay until the user closes them. */
export function ImportDialog({ state, onStart, onRemoveFile, onCancelRun, onRetry, onClose }: Props) {
  if (state.phase === 'idle') return null;
  const running = state.phase === 'running';
  const summary = state.phase === 'done' ? summarizeResults(state.results) : null;
  return (
    <Dialog
      open
      fullWidth
      maxWidth="md"
      aria-labelledby="import-dialog-title"
      // A running import is not dismissed by a stray click or Escape: it would hide progress, not stop it.
      onClose={running ? undefined : onClose}
      disableEscapeKeyDown={running}
    >
      <DialogTitle id="import-dialog-title">{state.phase === 'done' ? 'Import results' : 'Import certificates'}</DialogTitle>
      <DialogContent dividers>
        {state.phase === 'prepare' && <ImportPrepareForm files={state.files} onRemove={onRemoveFile} onSubmit={onStart} />}
        {state.phase === 'running' && <ImportProgress done={state.done} total={state.total} cancelling={state.cancelling} />}
        {state.phase === 'done' && summary && (
          <>
            <Alert severity={summary.refused ? (summary.refused === summary.files ? 'error' : 'warning') : 'success'} sx={{ mb: 2 }}>
              {describeSummary(summary, sourceOfImport(state.files))}
            </Alert>
            <ImportResultsList results={state.results} retrying={state.retrying} onRetry={onRetry} />
          </>
        )}
      </DialogContent>
      <DialogActions>
        {state.phase === 'prepare' && (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" form={IMPORT_FORM_ID} variant="contained" disabled={!state.files.length}>
              Import
            </Button>
          </>
        )}
        {state.phase === 'running' && (
          <Button onClick={onCancelRun} disabled={state.cancelling}>
            Cancel
          </Button>
        )}
        {state.phase === 'done' && (
          <Button variant="contained" onClick={onClose} autoFocus>
            Close
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
