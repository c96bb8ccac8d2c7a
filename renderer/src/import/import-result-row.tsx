import { Box, Chip, Typography } from '@mui/material';
import CheckCircle from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import { STORE_LABELS, type ImportFileResult } from '../../../shared/ipc';
import { PASSWORD_CODES } from './import-options';
import { ImportRetryForm } from './import-retry-form';
import { describeFileResult } from './summarize-results';

/** Certificates listed under a file before "and N more" (a bundle can hold thousands). */
const LISTED = 5;

/** One file's outcome: OK or refused, what it brought, and for a password refusal a retry form. */
export function ImportResultRow({ result, retrying, onRetry }: { result: ImportFileResult; retrying: boolean; onRetry(password: string): void }) {
  const canRetry = !result.ok && result.error && PASSWORD_CODES.has(result.error.code);
  return (
    <Box data-file={result.file} data-ok={result.ok} sx={{ display: 'flex', gap: 1, py: 1, px: 1.5, borderBottom: 1, borderColor: 'divider' }}>
      {result.ok ? <CheckCircle color="success" fontSize="small" aria-hidden /> : <ErrorIcon color="error" fontSize="small" aria-hidden />}
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="body2" sx={{ fontWeight: 600, wordBreak: 'break-all' }}>
            {result.file}
          </Typography>
          <Chip size="small" color={result.ok ? 'success' : 'error'} variant="outlined" label={result.ok ? 'OK' : 'Refused'} />
        </Box>
        {(result.ok || result.certificates.length > 0) && (
          <Typography variant="body2" color="text.secondary">
            {describeFileResult(result)}
          </Typography>
        )}
        {result.certificates.slice(0, LISTED).map((c) => (
          <Typography key={c.sha256} variant="caption" display="block" color="text.secondary" sx={{ wordBreak: 'break-word' }}>
            {c.subject} → {STORE_LABELS[c.store]}
            {c.duplicate ? ' (already stored)' : ''}
            {c.hasPrivateKey ? ' · private key' : ''}
          </Typography>
        ))}
        {result.certificates.length > LISTED && (
          <Typography variant="caption" color="text.secondary">
            … and {(result.certificates.length - LISTED).toLocaleString()} more
          </Typography>
        )}
        {result.error && (
          <Typography variant="body2" color="error" data-testid="import-refusal-reason">
            {result.error.message} ({result.error.code})
          </Typography>
        )}
        {canRetry && <ImportRetryForm file={result.file} busy={retrying} onRetry={onRetry} />}
      </Box>
    </Box>
  );
}
