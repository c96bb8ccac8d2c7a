import { Alert, Box, Button, Chip, IconButton, LinearProgress, Stack, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import ContentCopy from '@mui/icons-material/ContentCopy';
import { errorMessage } from '../api';
import { useConsoleActions } from '../state/console-context';
import { copyText } from '../util/clipboard';
import { CertificateDetailsBody } from './certificate-details-body';
import { useCertificateDetails } from './use-certificate-details';

/** The right-hand details panel of the features view for one certificate: header, Copy PEM, every section. */
export function CertificateDetailsPanel({ sha256 }: { sha256: string }) {
  const { closeDetails, report } = useConsoleActions();
  const { details, error, loading } = useCertificateDetails(sha256);

  const copyPem = async () => {
    if (!details) return;
    try {
      await copyText(details.pem);
      report(`Copied the PEM of ${details.displayName} to the clipboard`, 'success');
    } catch (caught) {
      report(`Could not copy: ${errorMessage(caught)}`, 'error');
    }
  };

  return (
    <Box
      component="aside"
      data-testid="certificate-details"
      aria-label="Certificate details"
      onKeyDown={(event) => event.key === 'Escape' && closeDetails()}
      sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%', bgcolor: 'background.paper' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, px: 2, pt: 1.5, pb: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" sx={{ fontSize: 16, wordBreak: 'break-word' }}>
            {details?.displayName ?? 'Certificate'}
          </Typography>
          {details && (
            <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, flexWrap: 'wrap' }}>
              {details.isCA && <Chip size="small" label="CA" />}
              {details.selfSigned && <Chip size="small" label="Self-signed" />}
              {details.hasPrivateKey && <Chip size="small" color="primary" variant="outlined" label="Private key" />}
            </Stack>
          )}
        </Box>
        <Button startIcon={<ContentCopy fontSize="small" />} onClick={copyPem} disabled={!details}>
          Copy PEM
        </Button>
        <Tooltip title="Close details (Esc)">
          <IconButton size="small" aria-label="Close details" onClick={() => closeDetails()}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {loading && <LinearProgress aria-label="Loading details" />}
      <Box sx={{ flex: 1, overflow: 'auto', px: 2, py: 1.5 }}>
        {error && <Alert severity="error">{error}</Alert>}
        {details && <CertificateDetailsBody details={details} />}
      </Box>
    </Box>
  );
}
