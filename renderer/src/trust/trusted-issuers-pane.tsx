import { useEffect, useState } from 'react';
import { Alert, Box, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import type { Site } from '../../../shared/models/site';
import { invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { ExpiryText } from '../certificates/expiry-text';
import { FeaturePage } from '../features/feature-page';
import { SITE_FEATURES } from '../features/site-feature-meta';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { STORE_SHORT_LABELS } from '../util/store-labels';
import { AddIssuerDialog } from './add-issuer-dialog';

/** The site's trust list: what it accepts client certificates from, and what its TLS CertificateRequest names. */
export function TrustedIssuersPane({ site, back }: { site: Site; back: { label: string; onBack(): void } }) {
  const { report } = useConsoleActions();
  const { bySha256 } = useConsoleData();
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const count = site.trustedIssuers.length;
  const [advertised, setAdvertised] = useState<{ bytes: Map<string, number>; totalBytes: number } | null>(null);
  useEffect(() => {
    let current = true;
    invoke('sites.advertisedIssuers', { site: site.id }).then(
      ({ names, totalBytes }) => current && setAdvertised({ bytes: new Map(names.map((n) => [n.sha256, n.bytes])), totalBytes }),
      () => current && setAdvertised(null),
    );
    return () => {
      current = false;
    };
  }, [site]);
  const selectedCertificate = selected ? bySha256.get(selected) : undefined;

  const actions: ConsoleAction[] = [
    { label: 'Add…', icon: <Add fontSize="small" />, onClick: () => setAdding(true) },
    { label: 'Remove', icon: <DeleteOutline fontSize="small" />, onClick: () => setConfirmRemove(true), disabled: !selected || !site.trustedIssuers.includes(selected) },
  ];
  usePublishActions('Trusted Issuers', actions);

  const columns: TableColumn<string>[] = [
    { id: 'subject', label: 'Subject', width: 'minmax(200px, 2fr)', render: (sha) => bySha256.get(sha)?.subject ?? <em>Not in the store ({sha.slice(0, 16)}…)</em>, title: (sha) => bySha256.get(sha)?.subject ?? sha },
    { id: 'store', label: 'Store', width: '130px', render: (sha) => { const c = bySha256.get(sha); return c ? STORE_SHORT_LABELS[c.store] : '—'; } },
    { id: 'expires', label: 'Expires', width: '170px', render: (sha) => { const c = bySha256.get(sha); return c ? <ExpiryText notAfter={c.notAfter} /> : '—'; } },
    { id: 'bytes', label: 'Name size', width: '100px', render: (sha) => { const bytes = advertised?.bytes.get(sha); return bytes === undefined ? '—' : `${bytes} bytes`; } },
  ];

  return (
    <FeaturePage testId="trusted-issuers" icon={SITE_FEATURES.trust.icon} title="Trusted Issuers" description={`Certification authorities ${site.name} accepts client certificates from.`} back={back}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Alert severity="info" variant="outlined">
          These names are advertised in the TLS CertificateRequest: a browser offers only certificates issued under them (KB Q194788).
        </Alert>
        <Typography variant="body2" role="status" data-testid="trusted-issuers-count">
          {count === 0
            ? 'No trusted issuer: the request names no CA, and no client certificate can be validated.'
            : `${count} trusted issuer${count === 1 ? '' : 's'} advertised${advertised ? `: ${advertised.totalBytes.toLocaleString()} bytes of CA names in the CertificateRequest` : ''}.`}
        </Typography>
        <SelectableTable
          label="Trusted issuers"
          columns={columns}
          items={site.trustedIssuers}
          getId={(sha) => sha}
          selectedId={selected}
          onSelect={setSelected}
          rowAttributes={(sha) => ({ 'data-sha256': sha })}
          empty="Add… picks roots and intermediates from the stores."
        />
        <PaneToolbar label="Trusted issuers actions" actions={actions} />
      </Box>
      {adding && <AddIssuerDialog site={site} onClose={() => setAdding(false)} />}
      {confirmRemove && selected && (
        <ConfirmDialog
          title="Remove trusted issuer"
          confirmLabel="Remove"
          destructive
          onCancel={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await invoke('sites.setTrust', { site: site.id, add: [], remove: [selected] });
            report(`${site.name} no longer trusts ${selectedCertificate?.displayName ?? selected}`, 'success');
            setSelected(null);
            setConfirmRemove(false);
          }}
        >
          Stop trusting <strong>{selectedCertificate?.subject ?? selected}</strong> on {site.name}? Certificates issued under it will be refused (403.16), and browsers will stop offering them. The certificate stays in the store.
        </ConfirmDialog>
      )}
    </FeaturePage>
  );
}
