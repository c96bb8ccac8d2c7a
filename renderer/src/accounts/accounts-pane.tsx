import { useMemo, useState } from 'react';
import { Box, Typography } from '@mui/material';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import Edit from '@mui/icons-material/Edit';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import type { Account } from '../../../shared/models/site';
import { invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { NodeIcon } from '../connections/node-icon';
import { FeaturePage } from '../features/feature-page';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { AccountDialog } from './account-dialog';

/** The server's local accounts and groups: who mappings log on as, and what authorization rules name. */
export function AccountsPane() {
  const { report } = useConsoleActions();
  const { accounts, sites } = useSitesData();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const account = accounts.find((a) => a.name === selected);

  // How many mappings log on as each account, so Remove can say why it would be refused.
  const uses = useMemo(() => {
    const counts = new Map<string, number>();
    const add = (name: string | null) => name && counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
    for (const site of sites) {
      site.oneToOne.forEach((m) => add(m.account));
      site.manyToOne.forEach((m) => add(m.account));
    }
    return counts;
  }, [sites]);

  const actions: ConsoleAction[] = [
    { label: 'Add…', icon: <PersonAddAlt1Outlined fontSize="small" />, onClick: () => setEditing('new') },
    { label: 'Edit…', icon: <Edit fontSize="small" />, onClick: () => account && setEditing(account), disabled: !account },
    { label: 'Remove', icon: <DeleteOutline fontSize="small" />, onClick: () => setConfirmRemove(true), disabled: !account },
  ];
  usePublishActions('Accounts', actions);

  const columns: TableColumn<Account>[] = [
    { id: 'name', label: 'Name', width: 'minmax(140px, 1fr)', render: (a) => a.name },
    { id: 'groups', label: 'Groups', width: 'minmax(160px, 1.5fr)', render: (a) => a.groups.join(', ') || '—', title: (a) => a.groups.join(', ') },
    { id: 'description', label: 'Description', width: 'minmax(160px, 1.5fr)', render: (a) => a.description, title: (a) => a.description },
    { id: 'mappings', label: 'Mappings', width: '100px', render: (a) => uses.get(a.name.toLowerCase()) ?? 0 },
  ];

  const inUse = account ? (uses.get(account.name.toLowerCase()) ?? 0) : 0;
  return (
    <FeaturePage testId="accounts" icon={<NodeIcon id="accounts" />} title="Accounts" description="Local accounts that mappings log on as, with the groups authorization rules can name.">
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <SelectableTable
          label="Accounts"
          columns={columns}
          items={accounts}
          getId={(a) => a.name}
          selectedId={selected}
          onSelect={setSelected}
          onActivate={(name) => {
            const target = accounts.find((a) => a.name === name);
            if (target) setEditing(target);
          }}
          empty="No account yet. Add… creates one; a mapping dialog can too."
        />
        <PaneToolbar label="Account actions" actions={actions} />
      </Box>
      {editing && (
        <AccountDialog
          account={editing === 'new' ? null : editing}
          onClose={(name) => {
            setEditing(null);
            if (name) setSelected(name);
          }}
        />
      )}
      {confirmRemove && account && (
        <ConfirmDialog
          title="Remove account"
          confirmLabel="Remove"
          destructive
          confirmDisabled={inUse > 0}
          onCancel={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await invoke('accounts.remove', { name: account.name });
            report(`Removed account ${account.name}`, 'success');
            setSelected(null);
            setConfirmRemove(false);
          }}
        >
          Remove the account <strong>{account.name}</strong>?
          {inUse > 0 && (
            <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
              {inUse} mapping{inUse === 1 ? '' : 's'} log{inUse === 1 ? 's' : ''} on as this account: remove {inUse === 1 ? 'it' : 'them'} first.
            </Typography>
          )}
        </ConfirmDialog>
      )}
    </FeaturePage>
  );
}
