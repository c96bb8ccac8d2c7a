import { useMemo } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useConsoleData } from '../state/console-data-context';
import { formatDate } from '../util/dates';
import { shortFingerprint } from '../util/fingerprint';

/** IIS's "SSL certificate" picker: certificates of the Server store that have their private key. */
export function ServerCertificateSelect({ value, onChange, required, error }: { value: string; onChange(sha256: string): void; required: boolean; error?: string }) {
  const { certificates } = useConsoleData();
  const candidates = useMemo(
    () => certificates.filter((c) => c.store === 'server' && c.hasPrivateKey).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [certificates],
  );
  return (
    <TextField
      select
      label="SSL certificate"
      value={value}
      required={required}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ?? (candidates.length ? 'From the Server (Personal) store; only certificates with their private key' : 'The Server (Personal) store has no certificate with a private key: import one (PFX, or PEM with its key) first')}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">
        <em>Not selected</em>
      </MenuItem>
      {candidates.map((c) => (
        <MenuItem key={c.sha256} value={c.sha256}>
          {c.displayName} · expires {formatDate(c.notAfter)} · {shortFingerprint(c.sha256)}
        </MenuItem>
      ))}
    </TextField>
  );
}
