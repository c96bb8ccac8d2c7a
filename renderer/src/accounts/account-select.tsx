import type { ReactElement } from 'react';
import { MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import type { Account } from '../../../shared/models/site';

interface Props {
  accounts: readonly Account[];
  value: string;
  onChange(name: string): void;
  error?: boolean;
  helperText?: string;
  disabled?: boolean;
  /** Each account's groups after its name, where the choice is about what the account may do. */
  showGroups?: boolean;
  /** Entries after the accounts (MUI's select takes its options as direct children, so an array). */
  extra?: ReactElement[];
  sx?: SxProps<Theme>;
}

/** The Account select of the console's dialogs: "Choose an account", then every local account. */
export function AccountSelect({ accounts, value, onChange, error, helperText, disabled, showGroups = false, extra = [], sx }: Props) {
  return (
    <TextField
      select
      label="Account"
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      helperText={helperText}
      sx={sx}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      {[
        <MenuItem key="" value="">
          <em>Choose an account</em>
        </MenuItem>,
        ...accounts.map((account) => (
          <MenuItem key={account.name} value={account.name}>
            {account.name}
            {showGroups && account.groups.length ? ` (${account.groups.join(', ')})` : ''}
          </MenuItem>
        )),
        ...extra,
      ]}
    </TextField>
  );
}
