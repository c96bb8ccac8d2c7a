import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';

/** How the administrator answered: apply then go, drop the changes then go, or stay. */
export type UnappliedChangesAnswer = 'apply' | 'discard' | 'cancel';

/** IIS Manager's "Do you want to save the changes?" on leaving a page with changes not applied; Apply has the focus. */
export function UnappliedChangesDialog({ what, busy, onAnswer }: { what: string; busy: boolean; onAnswer(answer: UnappliedChangesAnswer): void }) {
  return (
    <Dialog open onClose={busy ? undefined : () => onAnswer('cancel')} aria-labelledby="unapplied-title" aria-describedby="unapplied-text">
      <DialogTitle id="unapplied-title">Apply the changes to {what}?</DialogTitle>
      <DialogContent>
        <DialogContentText id="unapplied-text">
          They are not applied yet. Don&apos;t Apply discards them; Cancel stays here with them.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onAnswer('cancel')} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={() => onAnswer('discard')} disabled={busy}>
          Don&apos;t Apply
        </Button>
        <Button variant="contained" onClick={() => onAnswer('apply')} disabled={busy} autoFocus>
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}
