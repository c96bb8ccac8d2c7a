import { useMemo } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useConsoleData } from '../state/console-data-context';
import { formatDate } from '../util/dates';
import { shortFingerprint } from '../util/fingerprint';

interface Props {
  /** '' : the site's own server certificate. */
  value: string;
  onChange(sha256: string): void;
  /** The site's certificate, named in the "site's certificate" choice (null: the site has none). */
  siteCertificate: string | null;
  error?: string;
}

/** The SSL certificate of one binding: the site's, or any Server certificate that has its private key. */
export function BindingCertificateSelect({ value, onChange, siteCertificate, error }: Props) {
  const { certificates, bySha256 } = useConsoleData();
  const candidates = useMemo(() => {
    const usable = certificates.filter((c) => c.store === 'server' && c.hasPrivateKey);
    // The binding's current certificate stays visible even if it was moved to another store since.
    const current = value ? bySha256.get(value) : undefined;
    if (current && !usable.includes(current)) usable.push(current);
    // Of two with one name, the current one first.
    return usable.sort((a, b) => a.displayName.localeCompare(b.displayName) || Number(a.renewal !== null) - Number(b.renewal !== null));
  }, [certificates, bySha256, value]);
  const siteName = siteCertificate ? (bySha256.get(siteCertificate)?.displayName ?? shortFingerprint(siteCertificate)) : null;
  return (
    <TextField
      select
      label="SSL certificate"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ?? 'Presented from the next TLS handshake after saving; open connections keep the one they started with'}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">
        <em>{siteName ? `The site's certificate (${siteName})` : "The site's certificate (the site has none)"}</em>
      </MenuItem>
      {candidates.map((c) => (
        <MenuItem key={c.sha256} value={c.sha256}>
          {c.displayName} · expires {formatDate(c.notAfter)} · {shortFingerprint(c.sha256)}
          {/* Renewals keep the name: the renewed-away one says it was replaced. */}
          {c.renewal && ` · replaced (renewed ${formatDate(c.renewal.at)})`}
        </MenuItem>
      ))}
    </TextField>
  );
}
