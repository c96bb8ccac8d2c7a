import { MenuItem, TextField } from '@mui/material';
import { STORE_LABELS, STORE_NAMES, type StoreName } from '../../../shared/ipc';

/** Target store for an import: each certificate's suggested store (the default), or one store for all. */
export function StoreSelect({ value, onChange, disabled }: { value: StoreName | undefined; onChange(store: StoreName | undefined): void; disabled?: boolean }) {
  return (
    <TextField
      select
      label="Target store"
      value={value ?? ''}
      disabled={disabled}
      onChange={(event) => onChange((event.target.value || undefined) as StoreName | undefined)}
      sx={{ minWidth: 300 }}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">Suggested automatically</MenuItem>
      {STORE_NAMES.map((store) => (
        <MenuItem key={store} value={store}>
          {STORE_LABELS[store]}
        </MenuItem>
      ))}
    </TextField>
  );
}
