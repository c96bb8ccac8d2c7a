import type { ReactNode } from 'react';
import { Alert, Dialog, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useSubmit } from '../util/use-submit';
import { DialogButtons } from './dialog-buttons';

interface Props {
  title: string;
  confirmLabel: string;
  destructive?: boolean;
  /** The change would be refused (the text says why): only Cancel is offered. */
  confirmDisabled?: boolean;
  children: ReactNode;
  onCancel(): void;
  /** Runs the change; a failure stays in the dialog with its message. */
  onConfirm(): Promise<void>;
}

/** A yes/no question before a change, saying plainly what it does; Cancel has the focus. */
export function ConfirmDialog({ title, confirmLabel, destructive, confirmDisabled, children, onCancel, onConfirm }: Props) {
  const submit = useSubmit();
  return (
    <Dialog open onClose={submit.busy ? undefined : onCancel} aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <DialogTitle id="confirm-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="confirm-text" component="div">
          {children}
        </DialogContentText>
        {submit.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {submit.error}
          </Alert>
        )}
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onCancel} label={confirmLabel} onClick={() => void submit.run(onConfirm)} destructive={destructive} disabled={confirmDisabled} cancelFocused />
    </Dialog>
  );
}
