import { Button, DialogActions } from '@mui/material';

interface Props {
  /** The action is running: neither button may be pressed (a second submit, or closing under it). */
  busy: boolean;
  onCancel(): void;
  label: string;
  /** The id of the dialog's form: the action submits it (Enter in a field does the same). Else onClick. */
  form?: string;
  onClick?(): void;
  /** A deletion or revocation: the button is red. */
  destructive?: boolean;
  /** The action cannot run yet (nothing chosen, a field in error). */
  disabled?: boolean;
  /** Cancel takes the focus, so Enter on a destructive confirmation does not destroy. */
  cancelFocused?: boolean;
}

/** A dialog's Cancel and its one action, the way every dialog of the console ends. */
export function DialogButtons({ busy, onCancel, label, form, onClick, destructive = false, disabled = false, cancelFocused = false }: Props) {
  return (
    <DialogActions>
      <Button onClick={onCancel} disabled={busy} autoFocus={cancelFocused}>
        Cancel
      </Button>
      <Button
        type={form ? 'submit' : 'button'}
        form={form}
        onClick={form ? undefined : onClick}
        color={destructive ? 'error' : 'primary'}
        variant="contained"
        disabled={busy || disabled}
      >
        {label}
      </Button>
    </DialogActions>
  );
}
