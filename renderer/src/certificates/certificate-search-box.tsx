import { memo } from 'react';
import { IconButton, InputAdornment, TextField } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import ClearIcon from '@mui/icons-material/Clear';

/** The list's filter box; Escape clears it. Memoised: the list re-renders on every selection move. */
export const CertificateSearchBox = memo(function CertificateSearchBox({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <TextField
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && value) {
          event.preventDefault();
          onChange('');
        }
      }}
      placeholder="Search subject, issuer, fingerprint or serial"
      sx={{ flex: '1 1 320px', maxWidth: 520 }}
      slotProps={{
        htmlInput: { 'aria-label': 'Search certificates', type: 'search' },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
          endAdornment: value ? (
            <InputAdornment position="end">
              <IconButton size="small" aria-label="Clear search" onClick={() => onChange('')}>
                <ClearIcon fontSize="small" />
              </IconButton>
            </InputAdornment>
          ) : undefined,
        },
      }}
    />
  );
});
