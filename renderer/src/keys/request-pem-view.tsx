import { Box, Button, TextField } from '@mui/material';
import ContentCopy from '@mui/icons-material/ContentCopy';
import SaveAlt from '@mui/icons-material/SaveAlt';
import { useConsoleActions } from '../state/console-context';
import { copyText } from '../util/clipboard';
import { downloadBytes } from '../util/download';

/** A request's PEM, selectable, with Copy (for a web enrollment form) and Save (a .csr file for the authority). */
export function RequestPemView({ pem, fileName }: { pem: string; fileName: string }) {
  const { report } = useConsoleActions();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <TextField
        label="Certificate request (PKCS#10, PEM)"
        value={pem}
        multiline
        minRows={8}
        maxRows={16}
        slotProps={{ input: { readOnly: true, sx: { fontFamily: 'monospace', fontSize: 12 } }, htmlInput: { 'data-testid': 'request-pem' } }}
        onFocus={(event) => event.target.select()}
      />
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button
          variant="outlined"
          startIcon={<ContentCopy fontSize="small" />}
          onClick={() =>
            copyText(pem).then(
              () => report('Copied the certificate request to the clipboard', 'success'),
              (error: unknown) => report(`Could not copy: ${(error as Error).message}`, 'error'),
            )
          }
        >
          Copy
        </Button>
        <Button variant="outlined" startIcon={<SaveAlt fontSize="small" />} onClick={() => downloadBytes(fileName, 'application/pkcs10', new TextEncoder().encode(pem) as Uint8Array<ArrayBuffer>)}>
          Save…
        </Button>
      </Box>
    </Box>
  );
}
