import { useMemo } from 'react';
import { Alert, AlertTitle, Box, Button, Paper, Typography } from '@mui/material';
import FileOpenOutlined from '@mui/icons-material/FileOpenOutlined';
import { STORE_LABELS, STORE_NAMES } from '../../../shared/ipc';
import { NodeIcon } from '../connections/node-icon';
import { useImport } from '../import/import-context';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { expiryLevel } from '../util/dates';
import { FeatureHeader } from './feature-header';

/** A figure on the start page; a link to its store when it has one. */
function Figure({ label, value, onOpen }: { label: string; value: number; onOpen?: () => void }) {
  const body = (
    <>
      <Typography variant="h5" component="p">
        {value.toLocaleString()}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </>
  );
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 150, flex: '1 1 150px' }}>
      {onOpen ? (
        <Box component="button" type="button" onClick={onOpen} aria-label={`${label}: ${value}`} sx={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%', '&:focus-visible': { outline: 2, outlineStyle: 'solid', outlineColor: 'primary.main' } }}>
          {body}
        </Box>
      ) : (
        body
      )}
    </Paper>
  );
}

const sentenceOf = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The Start Page: what CertMapper is, what the store holds, and the shortest way to fill it. */
export function StartPage() {
  const { certificates, countsByStore, info } = useConsoleData();
  const { selectNode } = useConsoleActions();
  const importFlow = useImport();
  const expiry = useMemo(() => {
    const now = Date.now();
    let expired = 0;
    let soon = 0;
    for (const c of certificates) {
      const level = expiryLevel(c.notAfter, now);
      if (level === 'expired') expired++;
      else if (level === 'soon') soon++;
    }
    return { expired, soon, withKey: certificates.filter((c) => c.hasPrivateKey).length };
  }, [certificates]);

  return (
    <Box sx={{ overflow: 'auto', flex: 1 }}>
      <FeatureHeader icon={<NodeIcon id="start" />} title="Welcome to CertMapper" description="Client-certificate authentication, managed the IIS way: certificate stores, sites and the certificates they trust, mappings from certificates to accounts, and a gateway that enforces them." />
      <Box sx={{ px: 2, pb: 3, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 960 }}>
        {info && info.firstStart.length > 0 && (
          <Alert severity="info" aria-label="First start">
            <AlertTitle>First start</AlertTitle>
            {info.firstStart.map((line) => (
              <Typography key={line} variant="body2" sx={{ mb: 0.5, overflowWrap: 'anywhere' }}>
                {sentenceOf(line.replace(/^First start: /, ''))}
              </Typography>
            ))}
            <Typography variant="body2">
              In this console: Certification Authority, Issue Client Certificate… issues a certificate for an account and can map it to the site.
            </Typography>
          </Alert>
        )}
        {info?.notices.map((notice) => (
          <Alert key={notice} severity="warning">
            {notice}
          </Alert>
        ))}
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
          <Figure label="Certificates" value={certificates.length} onOpen={() => selectNode('certificates')} />
          {STORE_NAMES.map((store) => (
            <Figure key={store} label={STORE_LABELS[store]} value={countsByStore[store]} onOpen={() => selectNode(`store:${store}`)} />
          ))}
        </Box>
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
          <Figure label="With a private key" value={expiry.withKey} />
          <Figure label="Expiring within 30 days" value={expiry.soon} />
          <Figure label="Expired" value={expiry.expired} />
          <Figure label="Revocation lists (CRLs)" value={info?.counts.crls ?? 0} />
        </Box>
        <Box>
          <Button variant="contained" size="medium" startIcon={<FileOpenOutlined />} onClick={importFlow.pickFiles} disabled={importFlow.busy}>
            Import certificates
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Or drop certificate files anywhere on this window: PEM, DER, Base64, PKCS#7 bundles, PKCS#12 (.pfx) with their password, and CRLs, many at once.
          </Typography>
        </Box>
      </Box>
    </Box>
  );
}
