import { useState } from 'react';
import { Alert, Box, Dialog, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import type { IssueProfile } from '../../../shared/models/authority';
import { invoke } from '../api';
import { readFileBase64 } from '../import/read-file-base64';
import { useConsoleActions } from '../state/console-context';
import { downloadBytes } from '../util/download';
import { useSubmit } from '../util/use-submit';
import { FileDropZone } from '../whatif/file-drop-zone';
import { DialogButtons } from '../layout/dialog-buttons';

/** "Sign Request…": a PKCS#10 request made elsewhere (openssl req, another server), signed as a client or server certificate. */
export function SignRequestDialog({ onClose }: { onClose(issuedSha256?: string): void }) {
  const { report } = useConsoleActions();
  const submit = useSubmit();
  const [file, setFile] = useState<{ name: string; contentBase64: string } | null>(null);
  const [profile, setProfile] = useState<IssueProfile>('client');
  const [days, setDays] = useState('365');
  const validity = Number(days);
  const daysProblem = Number.isInteger(validity) && validity >= 1 && validity <= 3650 ? undefined : 'From 1 to 3650 days';

  const sign = async () => {
    if (!file) {
      submit.setError('Drop a certificate request (.csr, .req, .pem) first');
      return;
    }
    if (daysProblem) return;
    let sha256 = '';
    const ok = await submit.run(async () => {
      const result = await invoke('authority.signRequest', { requestBase64: file.contentBase64, profile, days: validity });
      downloadBytes(result.fileName, 'application/x-pem-file', new TextEncoder().encode(result.certificatePem));
      sha256 = result.certificate.sha256;
      report(`Signed ${result.certificate.subject} as a ${profile} certificate; ${result.fileName} downloaded`, 'success');
    });
    if (ok) onClose(sha256);
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : () => onClose()} fullWidth maxWidth="sm" aria-labelledby="sign-request-title">
      <DialogTitle id="sign-request-title">Sign Request</DialogTitle>
      <DialogContent dividers>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <FileDropZone
            label="Certificate request"
            hint="Drop a PKCS#10 request (PEM, Base64 or DER), or choose it; its own signature is checked first"
            testId="sign-request-drop"
            onFiles={async ([dropped]) => {
              if (!dropped) return;
              setFile({ name: dropped.name, contentBase64: await readFileBase64(dropped) });
              submit.setError(null);
            }}
          >
            {file && (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {file.name}
              </Typography>
            )}
          </FileDropZone>
          <RadioGroup row value={profile} onChange={(event) => setProfile(event.target.value as IssueProfile)} aria-label="Profile">
            <FormControlLabel value="client" control={<Radio />} label="Client authentication" />
            <FormControlLabel value="server" control={<Radio />} label="Server authentication (needs a DNS or IP name)" />
          </RadioGroup>
          <TextField label="Valid for (days)" value={days} onChange={(event) => setDays(event.target.value)} error={Boolean(daysProblem)} helperText={daysProblem ?? 'Subject and alternative names come from the request'} />
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={() => onClose()} label="Sign and Download" onClick={() => void sign()} />
    </Dialog>
  );
}
