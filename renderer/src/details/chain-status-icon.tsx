import CheckCircle from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningAmber from '@mui/icons-material/WarningAmber';
import HelpOutline from '@mui/icons-material/HelpOutline';

/** Words for a link status, read out instead of the icon. */
export const LINK_STATUS_TEXT: Record<string, string> = {
  ok: 'valid',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  'bad-signature': 'bad signature',
  'issuer-missing': 'issuer not in the store',
  'untrusted-root': 'root not trusted',
};

/** The icon of one chain link's status: green tick, red error, amber warning, or a question for a missing issuer. */
export function ChainStatusIcon({ status }: { status: string }) {
  const label = LINK_STATUS_TEXT[status] ?? status;
  if (status === 'ok') return <CheckCircle fontSize="small" color="success" titleAccess={label} />;
  if (status === 'issuer-missing') return <HelpOutline fontSize="small" color="warning" titleAccess={label} />;
  if (status === 'untrusted-root' || status === 'not-yet-valid') return <WarningAmber fontSize="small" color="warning" titleAccess={label} />;
  return <ErrorIcon fontSize="small" color="error" titleAccess={label} />;
}
