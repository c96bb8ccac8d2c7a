import { Box, Typography } from '@mui/material';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';

/** Windows' own wording for whether the store holds the certificate's private key. */
export function PrivateKeyNote({ hasPrivateKey }: { hasPrivateKey: boolean }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="private-key-note">
      <VpnKeyOutlined fontSize="small" color={hasPrivateKey ? 'primary' : 'disabled'} aria-hidden />
      <Typography variant="body2">
        {hasPrivateKey ? 'You have a private key that corresponds to this certificate.' : 'No private key is stored for this certificate.'}
      </Typography>
    </Box>
  );
}
