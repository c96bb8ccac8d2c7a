import { useState } from 'react';
import { Alert, Box, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import Edit from '@mui/icons-material/Edit';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import AutorenewOutlined from '@mui/icons-material/AutorenewOutlined';
import { bindingText, type BindingRow } from '../../../shared/models/binding';
import { invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { ExpiryText } from '../certificates/expiry-text';
import { NodeIcon } from '../connections/node-icon';
import { FeaturePage } from '../features/feature-page';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { RenewalWizard } from '../renewal/renewal-wizard';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { BindingCertificateCell } from './binding-certificate-cell';
import { BindingDialog } from './binding-dialog';
import { bindingRowId, keyOfRow } from './binding-row-id';
import { useBindings } from './use-bindings';

// The certificate gets the most room: it carries the second line of a replaced certificate (binding-certificate-cell.tsx).
const COLUMNS: TableColumn<BindingRow>[] = [
  { id: 'site', label: 'Site', width: 'minmax(110px, 1fr)', render: (b) => b.siteName, title: (b) => b.siteName },
  { id: 'type', label: 'Type', width: '56px', render: (b) => b.protocol },
  { id: 'address', label: 'IP address', width: 'minmax(112px, 0.6fr)', render: (b) => (b.address === '*' ? 'All (*)' : b.address) },
  { id: 'port', label: 'Port', width: '64px', render: (b) => b.port },
  { id: 'host', label: 'Host name', width: 'minmax(110px, 0.9fr)', render: (b) => b.host ?? '', title: (b) => b.host ?? '' },
  { id: 'certificate', label: 'Certificate', width: 'minmax(200px, 1.6fr)', render: (b) => <BindingCertificateCell row={b} />, title: (b) => b.certificate?.subject ?? '' },
  { id: 'expires', label: 'Expires', width: 'minmax(120px, 0.9fr)', render: (b) => (b.certificate ? <ExpiryText notAfter={b.certificate.notAfter} /> : '') },
];

/** IIS's Site Bindings dialog as a pane for the whole server: every site's bindings, Add, Edit and Remove. */
export function BindingsPane() {
  const { report } = useConsoleActions();
  const { sites } = useSitesData();
  const { rows, loaded, error } = useBindings();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<BindingRow | 'new' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [finishing, setFinishing] = useState<string | null>(null);
  const row = rows.find((r) => bindingRowId(r) === selected);
  const unfinished = row?.certificate?.renewal && !row.certificate.renewal.finishedAt ? row.certificate : null;
  const lastOfSite = row ? rows.filter((r) => r.siteId === row.siteId).length === 1 : false;

  const actions: ConsoleAction[] = [
    { label: 'Add…', icon: <Add fontSize="small" />, onClick: () => setEditing('new'), disabled: sites.length === 0 },
    { label: 'Edit…', icon: <Edit fontSize="small" />, onClick: () => row && setEditing(row), disabled: !row },
    { label: 'Remove', icon: <DeleteOutline fontSize="small" />, onClick: () => setConfirmRemove(true), disabled: !row },
    // Offered where the binding says its renewal is not finished: the wizard reopens at Verify bindings.
    ...(unfinished ? [{ label: 'Finish Renewal…', icon: <AutorenewOutlined fontSize="small" />, onClick: () => setFinishing(unfinished.sha256) }] : []),
  ];
  usePublishActions('Bindings', actions);

  return (
    <FeaturePage
      testId="bindings"
      icon={<NodeIcon id="bindings" />}
      title="Bindings"
      description="Every site's bindings: address (or all addresses), port and host name, with the certificate each presents. A changed certificate is used from the next TLS handshake, without a restart."
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        {error && <Alert severity="error">{error}</Alert>}
        <SelectableTable
          label="Bindings"
          columns={COLUMNS}
          items={rows}
          getId={bindingRowId}
          selectedId={selected}
          onSelect={setSelected}
          onActivate={(id) => {
            const target = rows.find((r) => bindingRowId(r) === id);
            if (target) setEditing(target);
          }}
          rowAttributes={(b) => ({ 'data-site': b.siteName, 'data-binding': bindingText(b), 'data-certificate': b.certificate?.sha256 ?? '' })}
          empty={loaded ? (sites.length ? 'No binding.' : 'No site yet: add a site first (Sites).') : 'Loading…'}
          minWidth={760}
        />
        <PaneToolbar label="Binding actions" actions={actions} />
      </Box>
      {editing && (
        <BindingDialog
          editing={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setSelected(`${saved.siteId}|${saved.key.protocol}|${saved.key.address}|${saved.key.port}|${saved.key.host ?? ''}`);
          }}
        />
      )}
      {finishing && <RenewalWizard start={{ sha256: finishing }} onClose={() => setFinishing(null)} />}
      {confirmRemove && row && (
        <ConfirmDialog
          title="Remove binding"
          confirmLabel="Remove"
          destructive
          onCancel={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await invoke('bindings.remove', { site: row.siteId, binding: keyOfRow(row) });
            report(`Removed the binding ${bindingText(row)} of ${row.siteName}`, 'success');
            setSelected(null);
            setConfirmRemove(false);
          }}
        >
          Remove the binding <strong>{bindingText(row)}</strong> of site <strong>{row.siteName}</strong>? The gateway stops listening for it; open requests finish.
          {lastOfSite && (
            <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
              It is the site's only binding: a site needs one, so the removal is refused. Add another binding first.
            </Typography>
          )}
        </ConfirmDialog>
      )}
    </FeaturePage>
  );
}
