import { useState } from 'react';
import { Alert, Box, Button, Typography } from '@mui/material';
import AddModeratorOutlined from '@mui/icons-material/AddModeratorOutlined';
import BadgeOutlined from '@mui/icons-material/BadgeOutlined';
import DrawOutlined from '@mui/icons-material/DrawOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import type { CaCertificate, IssuedCertificate } from '../../../shared/models/authority';
import { invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { ExpiryText } from '../certificates/expiry-text';
import { NodeIcon } from '../connections/node-icon';
import { FeaturePage } from '../features/feature-page';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { useConsoleActions } from '../state/console-context';
import { base64ToBytes } from '../util/base64';
import { downloadBytes } from '../util/download';
import { formatDateTime } from '../util/dates';
import { shortFingerprint } from '../util/fingerprint';
import { CreateAuthorityDialog } from './create-authority-dialog';
import { IssueClientDialog } from './issue-client-dialog';
import { REVOCATION_REASON_LABELS } from './revocation-labels';
import { RevokeDialog } from './revoke-dialog';
import { SignRequestDialog } from './sign-request-dialog';
import { useAuthority } from './use-authority';

type Open = 'create' | 'issue' | 'sign' | 'revoke' | null;

const CA_COLUMNS: TableColumn<CaCertificate>[] = [
  { id: 'role', label: 'Role', width: '110px', render: (ca) => (ca.role === 'root' ? 'Root' : 'Intermediate') },
  { id: 'subject', label: 'Subject', width: 'minmax(180px, 1.4fr)', render: (ca) => ca.subject, title: (ca) => ca.subject },
  { id: 'key', label: 'Key', width: '90px', render: (ca) => ca.keyAlgorithm },
  { id: 'expires', label: 'Expiration Date', width: 'minmax(120px, 0.8fr)', render: (ca) => <ExpiryText notAfter={ca.notAfter} /> },
  { id: 'crl', label: 'CRL', width: 'minmax(200px, 1.2fr)', render: (ca) => `#${ca.crl.number}, next update ${formatDateTime(ca.crl.nextUpdate)}`, title: (ca) => `${ca.crlUrl}: ${ca.crl.revokedCount} revoked` },
  { id: 'hash', label: 'Certificate Hash', width: 'minmax(140px, 0.8fr)', render: (ca) => shortFingerprint(ca.sha256), title: (ca) => ca.sha256 },
];

const statusText = (c: IssuedCertificate) => (c.status === 'revoked' ? `Revoked (${REVOCATION_REASON_LABELS[c.reason ?? 'unspecified']})` : c.status === 'expired' ? 'Expired' : 'Valid');

const ISSUED_COLUMNS: TableColumn<IssuedCertificate>[] = [
  { id: 'subject', label: 'Subject', width: 'minmax(180px, 1.4fr)', render: (c) => c.subject, title: (c) => c.subject },
  { id: 'account', label: 'Account', width: 'minmax(90px, 0.6fr)', render: (c) => c.account ?? '—' },
  { id: 'profile', label: 'Profile', width: '80px', render: (c) => c.profile },
  { id: 'status', label: 'Status', width: 'minmax(120px, 0.8fr)', render: (c) => <Typography variant="body2" color={c.status === 'valid' ? 'text.primary' : 'error.main'}>{statusText(c)}</Typography>, title: (c) => (c.revokedAt ? `Revoked ${c.revokedAt}` : statusText(c)) },
  { id: 'serial', label: 'Serial', width: 'minmax(120px, 0.8fr)', render: (c) => c.serial, title: (c) => c.serial },
  { id: 'expires', label: 'Expiration Date', width: 'minmax(120px, 0.8fr)', render: (c) => <ExpiryText notAfter={c.notAfter} /> },
  { id: 'hash', label: 'Certificate Hash', width: 'minmax(140px, 0.8fr)', render: (c) => shortFingerprint(c.sha256), title: (c) => c.sha256 },
];

/**
 * The server's Certification Authority (IIS's Certificate Server role): its CA certificates with their
 * CRLs, every certificate it issued with its status, and the actions: issue a client certificate for an
 * account, sign a request made elsewhere, revoke, download the CRL.
 */
export function AuthorityPane() {
  const { report } = useConsoleActions();
  const { authority, issued, loaded, error } = useAuthority();
  const [open, setOpen] = useState<Open>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const certificate = issued.find((c) => c.sha256 === selected);

  const downloadCrl = async () => {
    try {
      const crl = await invoke('authority.crl', {});
      downloadBytes(crl.fileName, 'application/pkix-crl', base64ToBytes(crl.contentBase64));
      report(`CRL #${crl.number} downloaded (next update ${formatDateTime(crl.nextUpdate)})`, 'success');
    } catch (caught) {
      report(`The CRL could not be downloaded: ${(caught as Error).message}`, 'error');
    }
  };

  const actions: ConsoleAction[] = authority
    ? [
        { label: 'Issue Client Certificate…', icon: <BadgeOutlined fontSize="small" />, onClick: () => setOpen('issue') },
        { label: 'Sign Request…', icon: <DrawOutlined fontSize="small" />, onClick: () => setOpen('sign') },
        { label: 'Revoke…', icon: <BlockOutlined fontSize="small" />, onClick: () => setOpen('revoke'), disabled: certificate?.status !== 'valid' },
        { label: 'Download CRL', icon: <FileDownloadOutlined fontSize="small" />, onClick: () => void downloadCrl() },
      ]
    : [{ label: 'Create Authority…', icon: <AddModeratorOutlined fontSize="small" />, onClick: () => setOpen('create') }];
  usePublishActions('Certification Authority', actions);

  const issuing = authority?.intermediate ?? authority?.root;
  return (
    <FeaturePage testId="authority" icon={<NodeIcon id="authority" />} title="Certification Authority" description="The local authority: issue client certificates for accounts (mapped in one step), sign requests, revoke, and publish the CRL the gateway checks.">
      {error && <Alert severity="error">{error}</Alert>}
      {loaded && !authority && (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, alignItems: 'flex-start' }}>
          <Typography variant="body2">This data folder has no local authority yet. A first start with the Default Web Site creates one; or create it now.</Typography>
          <Button variant="contained" startIcon={<AddModeratorOutlined />} onClick={() => setOpen('create')}>
            Create Authority…
          </Button>
        </Box>
      )}
      {authority && issuing && (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Typography variant="subtitle2" component="h2">
            {authority.name}
          </Typography>
          <SelectableTable label="Authority certificates" columns={CA_COLUMNS} items={[authority.root, ...(authority.intermediate ? [authority.intermediate] : [])]} getId={(ca) => ca.sha256} selectedId={null} onSelect={() => {}} empty="—" />
          <Typography variant="body2" color="text.secondary" data-testid="crl-info">
            CRL #{issuing.crl.number} published at {issuing.crlUrl}, next update {formatDateTime(issuing.crl.nextUpdate)}, {issuing.crl.revokedCount} revoked. Reissued at every revocation and when half of its {Math.round(authority.crlValiditySeconds / 3600)} h validity has passed.
          </Typography>
          <Typography variant="subtitle2" component="h2" sx={{ mt: 1 }}>
            Issued Certificates ({authority.issuedCount}, {authority.revokedCount} revoked)
          </Typography>
          <SelectableTable
            label="Issued certificates"
            columns={ISSUED_COLUMNS}
            items={issued}
            getId={(c) => c.sha256}
            selectedId={selected}
            onSelect={setSelected}
            rowAttributes={(c) => ({ 'data-sha256': c.sha256, 'data-status': c.status })}
            empty="Nothing issued yet. Issue Client Certificate… makes a certificate and its .pfx for an account."
            minWidth={900}
          />
          <PaneToolbar label="Certification Authority actions" actions={actions} />
        </Box>
      )}
      {open === 'create' && <CreateAuthorityDialog onClose={() => setOpen(null)} />}
      {open === 'issue' && (
        <IssueClientDialog
          onClose={(sha256) => {
            setOpen(null);
            if (sha256) setSelected(sha256);
          }}
        />
      )}
      {open === 'sign' && (
        <SignRequestDialog
          onClose={(sha256) => {
            setOpen(null);
            if (sha256) setSelected(sha256);
          }}
        />
      )}
      {open === 'revoke' && certificate && <RevokeDialog certificate={certificate} onClose={() => setOpen(null)} />}
    </FeaturePage>
  );
}
