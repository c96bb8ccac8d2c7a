import { Box, Divider, MenuItem, TextField } from '@mui/material';
import { useSitesData } from '../state/sites-data-context';
import { NEW_ACCOUNT, type AccountChoice } from './account-choice';
import { AccountSelect } from './account-select';

/** Choose the account a mapping logs on as, or "New account…" with its name and groups, as IIS's mapping dialog asks. */
export function AccountPicker({ value, onChange, error, disabled }: { value: AccountChoice; onChange(value: AccountChoice): void; error?: string; disabled?: boolean }) {
  const { accounts } = useSitesData();
  const isNew = value.selected === NEW_ACCOUNT;
  const taken = isNew && accounts.some((a) => a.name.toLowerCase() === value.newName.trim().toLowerCase());
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <AccountSelect
        accounts={accounts}
        value={value.selected}
        disabled={disabled}
        onChange={(selected) => onChange({ ...value, selected })}
        error={Boolean(error) && !isNew}
        helperText={!isNew ? (error ?? 'The local account the certificate logs on as') : ' '}
        showGroups
        extra={[
          <Divider key="divider" />,
          <MenuItem key={NEW_ACCOUNT} value={NEW_ACCOUNT}>
            New account…
          </MenuItem>,
        ]}
      />
      {isNew && (
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
          <TextField
            label="New account name"
            value={value.newName}
            autoFocus
            disabled={disabled}
            onChange={(event) => onChange({ ...value, newName: event.target.value })}
            error={Boolean(error) || taken}
            helperText={taken ? 'This account exists: it is used as it is' : (error ?? 'Created when you press OK')}
            sx={{ flex: '1 1 200px' }}
          />
          <TextField
            label="Groups"
            value={value.newGroups}
            disabled={disabled}
            onChange={(event) => onChange({ ...value, newGroups: event.target.value })}
            helperText="Optional, separated by commas; authorization rules can name them"
            sx={{ flex: '1 1 240px' }}
          />
        </Box>
      )}
    </Box>
  );
}
