import { useState } from 'react';
import { Box, Button, TextField } from '@mui/material';

/** Offered on a PKCS#12 refused for its password: type another and import just that file again. */
export function ImportRetryForm({ file, busy, onRetry }: { file: string; busy: boolean; onRetry(password: string): void }) {
  const [password, setPassword] = useState('');
  return (
    <Box
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        onRetry(password);
      }}
      sx={{ display: 'flex', gap: 1, mt: 1, alignItems: 'center' }}
    >
      <TextField
        type="password"
        label={`Password for ${file}`}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        autoComplete="off"
        disabled={busy}
        sx={{ flex: 1, maxWidth: 320 }}
      />
      <Button type="submit" variant="outlined" disabled={busy}>
        {busy ? 'Retrying…' : 'Retry'}
      </Button>
    </Box>
  );
}
