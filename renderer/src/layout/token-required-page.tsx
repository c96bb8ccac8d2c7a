import { Box, Paper, Typography } from '@mui/material';
import LockOutlined from '@mui/icons-material/LockOutlined';

/** Full-page explanation when the browser has no usable access token: the only way in is the printed URL. */
export function TokenRequiredPage({ refused }: { refused?: boolean }) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 560, textAlign: 'center' }} role="alert">
        <LockOutlined color="primary" sx={{ fontSize: 48 }} />
        <Typography variant="h5" component="h1" sx={{ mt: 1, mb: 2 }}>
          CertMapper
        </Typography>
        {refused && (
          <Typography sx={{ mb: 1 }}>The server refused this page's access token: it changes each time the server starts.</Typography>
        )}
        <Typography>
          Open the URL printed by <code>certmapper serve</code> (it carries the access token).
        </Typography>
      </Paper>
    </Box>
  );
}
