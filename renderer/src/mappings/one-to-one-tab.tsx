import { useRef, useState } from 'react';
import { Box, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import FileOpenOutlined from '@mui/icons-material/FileOpenOutlined';
import ToggleOnOutlined from '@mui/icons-material/ToggleOnOutlined';
import ToggleOffOutlined from '@mui/icons-material/ToggleOffOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import type { OneToOneMapping, Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { CollectionToggle } from './collection-toggle';
import { useReportedCall } from './use-reported-call';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { ExpiryText } from '../certificates/expiry-text';
import { revocationNote } from '../certificates/revocation-note';
import { useDropClaim } from '../import/use-drop-claim';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { commonName } from '../util/distinguished-name';
import { shortFingerprint } from '../util/fingerprint';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { MapCertificateDialog } from './map-certificate-dialog';

/** The map dialog, opened empty (Add…) or with files (dropped or chosen); `key` restarts it on a new drop. */
type MapDialog = { key: number; files: File[] | null } | null;

/** One-to-one tab: this exact certificate logs on as this account (spec section 2); drop a certificate to map it. */
export function OneToOneTab({ site }: { site: Site }) {
  const { report } = useConsoleActions();
  const { bySha256 } = useConsoleData();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<MapDialog>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const selected = site.oneToOne.find((m) => m.id === selectedId);

  const openWithFiles = (files: File[]) => setDialog((d) => ({ key: (d?.key ?? 0) + 1, files }));
  useDropClaim('Drop a certificate to map it', `One-to-one mapping on ${site.name}: the file is imported, then you choose the account`, openWithFiles);

  const call = useReportedCall();

  const setEnabled = (mapping: OneToOneMapping, enabled: boolean) =>
    void call(`${enabled ? 'Enabled' : 'Disabled'} the mapping of ${commonName(mapping.subject)}`, () => invoke('mappings.oneToOne.setEnabled', { site: site.id, mapping: mapping.id, enabled }));

  const actions: ConsoleAction[] = [
    { label: 'Add…', icon: <Add fontSize="small" />, onClick: () => setDialog((d) => ({ key: (d?.key ?? 0) + 1, files: null })) },
    { label: 'Add from file…', icon: <FileOpenOutlined fontSize="small" />, onClick: () => fileInput.current?.click() },
    { label: 'Enable', icon: <ToggleOnOutlined fontSize="small" />, onClick: () => selected && setEnabled(selected, true), disabled: !selected || selected.enabled },
    { label: 'Disable', icon: <ToggleOffOutlined fontSize="small" />, onClick: () => selected && setEnabled(selected, false), disabled: !selected || !selected.enabled },
    { label: 'Remove', icon: <DeleteOutline fontSize="small" />, onClick: () => setConfirmRemove(true), disabled: !selected },
  ];
  usePublishActions('One-to-One Mappings', actions);

  const anyRevoked = site.oneToOne.some((m) => bySha256.get(m.certificateSha256)?.revoked);
  const columns: TableColumn<OneToOneMapping>[] = [
    { id: 'subject', label: 'Subject', width: 'minmax(180px, 2fr)', render: (m) => commonName(m.subject), title: (m) => m.subject },
    { id: 'account', label: 'Account', width: 'minmax(100px, 1fr)', render: (m) => (m.hasPassword ? `${m.account} (with password)` : m.account) },
    {
      id: 'enabled',
      label: 'Enabled',
      // Wider only while a certificate is revoked, so the usual columns keep their room at 1440 px.
      width: anyRevoked ? '200px' : '90px',
      render: (m) => {
        const revoked = bySha256.get(m.certificateSha256)?.revoked;
        // The mapping stays enabled: it is its certificate that no longer logs on (403.13).
        return (
          <>
            {m.enabled ? 'Yes' : 'No'}
            {revoked && (
              <Typography component="span" variant="caption" data-testid="mapping-certificate-revoked" title={revocationNote(revoked)} sx={{ ml: 1, color: 'error.main', fontWeight: 600 }}>
                Certificate revoked
              </Typography>
            )}
          </>
        );
      },
    },
    {
      id: 'expires',
      label: 'Expires',
      width: '170px',
      render: (m) => {
        const cert = bySha256.get(m.certificateSha256);
        return cert ? <ExpiryText notAfter={cert.notAfter} /> : <Typography variant="caption" color="text.secondary">not in the store</Typography>;
      },
    },
    { id: 'sha256', label: 'SHA-256', width: '180px', render: (m) => <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12 }}>{shortFingerprint(m.certificateSha256)}</Box>, title: (m) => m.certificateSha256 },
  ];

  return (
    <Box data-testid="one-to-one-mappings" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <CollectionToggle site={site} collection="oneToOneEnabled" />
      <Typography variant="body2" color="text.secondary">
        Each entry maps one exact certificate (compared by its bytes) to an account. One-to-one mappings are tried before many-to-one. Drop a certificate file here (PEM, DER, PKCS#7 or PFX) to map it.
      </Typography>
      <SelectableTable
        label="One-to-one mappings"
        columns={columns}
        items={site.oneToOne}
        getId={(m) => m.id}
        selectedId={selectedId}
        onSelect={setSelectedId}
        rowAttributes={(m) => ({ 'data-sha256': m.certificateSha256, 'data-enabled': m.enabled, 'data-revoked': Boolean(bySha256.get(m.certificateSha256)?.revoked) })}
        empty="No one-to-one mapping. Drop a certificate file on this page, or use Add from file…"
      />
      <PaneToolbar label="One-to-one actions" actions={actions} />
      <input
        ref={fileInput}
        type="file"
        hidden
        data-testid="one-to-one-file-input"
        aria-label="Choose a certificate file to map"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length) openWithFiles(files);
        }}
      />
      {dialog && (
        <MapCertificateDialog
          key={dialog.key}
          site={site}
          files={dialog.files}
          onClose={(id) => {
            setDialog(null);
            if (id) setSelectedId(id);
          }}
        />
      )}
      {confirmRemove && selected && (
        <ConfirmDialog
          title="Remove mapping"
          confirmLabel="Remove"
          destructive
          onCancel={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await invoke('mappings.oneToOne.remove', { site: site.id, mapping: selected.id });
            report(`Removed the mapping of ${commonName(selected.subject)} to ${selected.account}`, 'success');
            setSelectedId(null);
            setConfirmRemove(false);
          }}
        >
          Remove the mapping of <strong>{selected.subject}</strong> to <strong>{selected.account}</strong>? The certificate stays in the store.
        </ConfirmDialog>
      )}
    </Box>
  );
}
