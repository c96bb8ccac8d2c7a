import { useMemo, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import NoteAddOutlined from '@mui/icons-material/NoteAddOutlined';
import TaskOutlined from '@mui/icons-material/TaskOutlined';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import ArticleOutlined from '@mui/icons-material/ArticleOutlined';
import CancelOutlined from '@mui/icons-material/CancelOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import AutorenewOutlined from '@mui/icons-material/AutorenewOutlined';
import type { CertificateListItem, CertificateRenewal } from '../../../shared/ipc';
import type { KeyInfo, PendingRequest } from '../../../shared/models/key';
import { invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { ExpiryText } from '../certificates/expiry-text';
import { NodeIcon } from '../connections/node-icon';
import { FeaturePage } from '../features/feature-page';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import type { RenewalStart } from '../renewal/renewal-start';
import { renewalLabel, renewalNote, unfinishedRenewal } from '../renewal/renewal-status';
import { RenewalWizard } from '../renewal/renewal-wizard';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { formatDate } from '../util/dates';
import { commonName } from '../util/distinguished-name';
import { shortFingerprint } from '../util/fingerprint';
import { CompleteRequestDialog } from './complete-request-dialog';
import { CreateRequestDialog } from './create-request-dialog';
import { ExportKeyDialog, type ExportTarget } from './export-key-dialog';
import { ImportKeyDialog } from './import-key-dialog';
import { RequestPemView } from './request-pem-view';
import { useKeys } from './use-keys';

type Selection = { list: 'certificates' | 'requests' | 'keys'; id: string } | null;
type Open = 'create' | 'complete' | 'import' | 'show-request' | 'cancel-request' | 'delete-key' | { export: ExportTarget } | { renew: RenewalStart } | null;

/** The server certificates' columns; Status tells a renewed certificate from the one that replaced it (same name, later expiry). */
function certificateColumns(bySha256: ReadonlyMap<string, CertificateListItem>): TableColumn<CertificateListItem>[] {
  return [
    { id: 'name', label: 'Name', width: 'minmax(120px, 1.2fr)', render: (c) => c.displayName, title: (c) => c.subject },
    { id: 'issuedBy', label: 'Issued By', width: 'minmax(90px, 0.7fr)', render: (c) => commonName(c.issuer), title: (c) => c.issuer },
    { id: 'key', label: 'Key', width: '105px', render: (c) => c.keyAlgorithm },
    { id: 'expires', label: 'Expiration Date', width: 'minmax(125px, 0.8fr)', render: (c) => <ExpiryText notAfter={c.notAfter} /> },
    { id: 'status', label: 'Status', width: 'minmax(185px, 0.9fr)', render: (c) => <RenewalStatus renewal={c.renewal} />, title: (c) => (c.renewal ? renewalNote({ ...c, renewal: c.renewal }, bySha256.get(c.renewal.renewedBy)) : '') },
    { id: 'hash', label: 'Certificate Hash', width: 'minmax(140px, 0.7fr)', render: (c) => shortFingerprint(c.sha256), title: (c) => c.sha256 },
  ];
}

/** The Status cell: empty for a current certificate; a renewal still waiting for its bindings in the warning colour. */
function RenewalStatus({ renewal }: { renewal: CertificateRenewal | null }) {
  if (!renewal) return null;
  return (
    <Box component="span" sx={{ color: renewal.finishedAt ? 'text.secondary' : 'warning.main' }}>
      {renewalLabel(renewal)}
    </Box>
  );
}

/**
 * IIS's Server Certificates page with IIS 4's Key Manager behind it: the server's certificates with
 * their keys, the requests waiting for an authority's reply, and the keys themselves (in the vault).
 */
export function KeysPane() {
  const { report } = useConsoleActions();
  const { certificates, bySha256 } = useConsoleData();
  const { keys, requests, loaded, error } = useKeys();
  const [selection, setSelection] = useState<Selection>(null);
  const [open, setOpen] = useState<Open>(null);
  const serverCertificates = useMemo(() => certificates.filter((c) => c.store === 'server' && c.hasPrivateKey), [certificates]);
  const keyName = (id: string) => keys.find((k) => k.id === id)?.name ?? '—';

  const serverCertificateColumns = useMemo(() => certificateColumns(bySha256), [bySha256]);
  const certificate = selection?.list === 'certificates' ? serverCertificates.find((c) => c.sha256 === selection.id) : undefined;
  const request = selection?.list === 'requests' ? requests.find((r) => r.id === selection.id) : undefined;
  const key = selection?.list === 'keys' ? keys.find((k) => k.id === selection.id) : undefined;

  const requestColumns: TableColumn<PendingRequest>[] = [
    { id: 'key', label: 'Key', width: 'minmax(120px, 0.8fr)', render: (r) => keyName(r.keyId) },
    { id: 'subject', label: 'Subject', width: 'minmax(180px, 1.5fr)', render: (r) => r.subject, title: (r) => [r.subject, ...r.subjectAltNames.map((s) => `${s.type}:${s.value}`)].join('\n') },
    { id: 'template', label: 'Template', width: '100px', render: (r) => r.template },
    { id: 'renews', label: 'Renews', width: 'minmax(120px, 0.8fr)', render: (r) => (r.renews ? (bySha256.get(r.renews)?.displayName ?? shortFingerprint(r.renews)) : '—'), title: (r) => r.renews ?? '' },
    { id: 'created', label: 'Created', width: '120px', render: (r) => formatDate(r.createdAt) },
  ];
  const keyColumns: TableColumn<KeyInfo>[] = [
    { id: 'name', label: 'Name', width: 'minmax(120px, 1fr)', render: (k) => k.name },
    { id: 'algorithm', label: 'Algorithm', width: '120px', render: (k) => k.algorithmName },
    { id: 'use', label: 'Certificates', width: 'minmax(160px, 1.2fr)', render: (k) => (k.certificates.length ? k.certificates.map((c) => c.displayName).join(', ') : k.pendingRequests.length ? 'Request pending' : 'None') },
    { id: 'origin', label: 'Origin', width: '100px', render: (k) => k.origin },
    { id: 'created', label: 'Created', width: '120px', render: (k) => formatDate(k.createdAt) },
  ];

  const exportTarget: ExportTarget | null = certificate
    ? { kind: 'certificate', sha256: certificate.sha256, name: certificate.displayName }
    : key
      ? { kind: 'key', keyId: key.id, name: key.name }
      : null;

  const actions: ConsoleAction[] = [
    { label: 'Create Certificate Request…', icon: <NoteAddOutlined fontSize="small" />, onClick: () => setOpen('create') },
    { label: 'Complete Certificate Request…', icon: <TaskOutlined fontSize="small" />, onClick: () => setOpen('complete'), disabled: requests.length === 0 && keys.length === 0 },
    { label: 'Renew…', icon: <AutorenewOutlined fontSize="small" />, onClick: () => certificate && setOpen({ renew: { sha256: certificate.sha256 } }), disabled: !certificate },
    // A renewal request's reply goes through the wizard, which then moves the old certificate's bindings.
    { label: 'Continue Renewal…', icon: <AutorenewOutlined fontSize="small" />, onClick: () => request?.renews && setOpen({ renew: { sha256: request.renews } }), disabled: !request?.renews },
    // A renewal closed at Verify bindings: the wizard reopens there with the old and the new certificate.
    { label: 'Finish Renewal…', icon: <AutorenewOutlined fontSize="small" />, onClick: () => certificate && setOpen({ renew: { sha256: certificate.sha256 } }), disabled: !unfinishedRenewal(certificate) },
    { label: 'Import Key…', icon: <FileUploadOutlined fontSize="small" />, onClick: () => setOpen('import') },
    { label: 'Export…', icon: <FileDownloadOutlined fontSize="small" />, onClick: () => exportTarget && setOpen({ export: exportTarget }), disabled: !exportTarget },
    { label: 'View Request…', icon: <ArticleOutlined fontSize="small" />, onClick: () => setOpen('show-request'), disabled: !request },
    { label: 'Cancel Request', icon: <CancelOutlined fontSize="small" />, onClick: () => setOpen('cancel-request'), disabled: !request },
    { label: 'Delete Key', icon: <DeleteOutline fontSize="small" />, onClick: () => setOpen('delete-key'), disabled: !key },
  ];
  usePublishActions('Server Certificates', actions);

  const select = (list: 'certificates' | 'requests' | 'keys') => (id: string) => setSelection({ list, id });
  const selectedIn = (list: 'certificates' | 'requests' | 'keys') => (selection?.list === list ? selection.id : null);

  return (
    <FeaturePage
      testId="keys"
      icon={<NodeIcon id="keys" />}
      title="Server Certificates"
      description="Certificates the server presents, with their keys; certificate requests waiting for an authority's reply; and the keys themselves, which live encrypted in the vault."
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        {error && <Alert severity="error">{error}</Alert>}
        <PaneToolbar label="Key actions" actions={actions} />
        <Typography variant="subtitle2" component="h2">
          Server certificates
        </Typography>
        <SelectableTable
          label="Server certificates"
          columns={serverCertificateColumns}
          items={serverCertificates}
          getId={(c) => c.sha256}
          selectedId={selectedIn('certificates')}
          onSelect={select('certificates')}
          onActivate={(id) => {
            const target = serverCertificates.find((c) => c.sha256 === id);
            if (target) setOpen({ export: { kind: 'certificate', sha256: target.sha256, name: target.displayName } });
          }}
          rowAttributes={(c) => ({ 'data-sha256': c.sha256 })}
          empty="No server certificate with its key yet: create a request, or import a .pfx."
        />
        <Typography variant="subtitle2" component="h2" sx={{ mt: 1 }}>
          Pending certificate requests
        </Typography>
        <SelectableTable
          label="Pending requests"
          columns={requestColumns}
          items={requests}
          getId={(r) => r.id}
          selectedId={selectedIn('requests')}
          onSelect={select('requests')}
          onActivate={(id) => {
            setSelection({ list: 'requests', id });
            const renews = requests.find((r) => r.id === id)?.renews;
            setOpen(renews ? { renew: { sha256: renews } } : 'complete');
          }}
          rowAttributes={(r) => ({ 'data-key': keyName(r.keyId), 'data-renews': r.renews ?? '' })}
          empty={loaded ? 'No request is waiting.' : 'Loading…'}
        />
        <Typography variant="subtitle2" component="h2" sx={{ mt: 1 }}>
          Keys
        </Typography>
        <SelectableTable
          label="Keys"
          columns={keyColumns}
          items={keys}
          getId={(k) => k.id}
          selectedId={selectedIn('keys')}
          onSelect={select('keys')}
          rowAttributes={(k) => ({ 'data-key': k.name })}
          empty={loaded ? 'No key yet.' : 'Loading…'}
        />
      </Box>
      {open === 'create' && <CreateRequestDialog onClose={() => setOpen(null)} />}
      {open === 'complete' && (
        <CompleteRequestDialog
          requests={requests}
          keys={keys}
          requestId={request?.id ?? null}
          onClose={(installed) => {
            if (installed) setSelection({ list: 'certificates', id: installed.certificate.sha256 });
            // The reply of a renewal request: on to the wizard's Verify bindings for the old and new certificates.
            setOpen(installed?.renews ? { renew: { sha256: installed.renews, installedSha256: installed.certificate.sha256 } } : null);
          }}
        />
      )}
      {open === 'import' && <ImportKeyDialog onClose={() => setOpen(null)} />}
      {open !== null && typeof open === 'object' && 'export' in open && <ExportKeyDialog target={open.export} onClose={() => setOpen(null)} />}
      {open !== null && typeof open === 'object' && 'renew' in open && <RenewalWizard start={open.renew} onClose={() => setOpen(null)} />}
      {open === 'show-request' && request && (
        <Dialog open onClose={() => setOpen(null)} fullWidth maxWidth="md" aria-labelledby="show-request-title">
          <DialogTitle id="show-request-title">Certificate Request for {keyName(request.keyId)}</DialogTitle>
          <DialogContent dividers>
            <RequestPemView pem={request.pem} fileName={`${keyName(request.keyId).replace(/[^A-Za-z0-9._-]+/g, '_')}.csr`} />
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={() => setOpen(null)}>
              Close
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {open === 'cancel-request' && request && (
        <ConfirmDialog
          title="Cancel request"
          confirmLabel="Cancel Request"
          destructive
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await invoke('keys.cancelRequest', { requestId: request.id });
            report(`Cancelled the request for ${request.subject}; the key ${keyName(request.keyId)} is kept`, 'success');
            setSelection(null);
            setOpen(null);
          }}
        >
          Forget the pending request for <strong>{request.subject}</strong>? Its key stays, so a reply that still arrives can be installed.
        </ConfirmDialog>
      )}
      {open === 'delete-key' && key && (
        <ConfirmDialog
          title="Delete key"
          confirmLabel="Delete"
          destructive
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await invoke('keys.delete', { key: key.id });
            report(`Deleted the key ${key.name}`, 'success');
            setSelection(null);
            setOpen(null);
          }}
        >
          Delete the key <strong>{key.name}</strong>
          {key.pendingRequests.length > 0 ? ' and its pending request' : ''}? A reply for it can then no longer be installed.
          {key.certificates.length > 0 && ' Certificates installed with it keep their own copy of the key, so sites using them are not affected.'}
        </ConfirmDialog>
      )}
    </FeaturePage>
  );
}
