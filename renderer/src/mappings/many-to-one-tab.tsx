import { useEffect, useState } from 'react';
import { Box, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import Edit from '@mui/icons-material/Edit';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import type { ManyToOneMapping, Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { CollectionToggle } from './collection-toggle';
import { useReportedCall } from './use-reported-call';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { useConsoleActions } from '../state/console-context';
import { describeRules } from './match-fields';
import { RuleEditorDialog } from './rule-editor-dialog';

type Editor = { mapping: ManyToOneMapping; position: number } | 'new' | null;

/** Many-to-one tab: ordered rule-based mappings, first enabled match wins; Move Up / Move Down as in IIS 6. */
export function ManyToOneTab({ site }: { site: Site }) {
  const { report } = useConsoleActions();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editor, setEditor] = useState<Editor>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  // A saved mapping is (re-)created with a new id: it is selected by name once the refreshed list has it.
  const [pending, setPending] = useState<{ name: string; replacedId: string | null } | null>(null);
  useEffect(() => {
    const found = pending ? site.manyToOne.find((m) => m.name === pending.name && m.id !== pending.replacedId) : undefined;
    if (!found) return;
    setSelectedId(found.id);
    setPending(null);
  }, [pending, site.manyToOne]);
  const index = site.manyToOne.findIndex((m) => m.id === selectedId);
  const selected = site.manyToOne[index];

  const call = useReportedCall();

  // Positions are 1-based in the contract; index is 0-based.
  const move = (by: -1 | 1) =>
    selected && void call(`Moved "${selected.name}" ${by < 0 ? 'up' : 'down'}`, () => invoke('mappings.manyToOne.move', { site: site.id, name: selected.name, position: index + 1 + by }));
  const edit = (id: string) => {
    const at = site.manyToOne.findIndex((m) => m.id === id);
    const mapping = site.manyToOne[at];
    if (mapping) setEditor({ mapping, position: at + 1 });
  };

  const actions: ConsoleAction[] = [
    { label: 'Add…', icon: <Add fontSize="small" />, onClick: () => setEditor('new') },
    { label: 'Edit…', icon: <Edit fontSize="small" />, onClick: () => selected && edit(selected.id), disabled: !selected },
    { label: 'Move Up', icon: <ArrowUpward fontSize="small" />, onClick: () => move(-1), disabled: !selected || index === 0 },
    { label: 'Move Down', icon: <ArrowDownward fontSize="small" />, onClick: () => move(1), disabled: !selected || index === site.manyToOne.length - 1 },
    { label: 'Remove', icon: <DeleteOutline fontSize="small" />, onClick: () => setConfirmRemove(true), disabled: !selected },
  ];
  usePublishActions('Many-to-One Mappings', actions);

  const columns: TableColumn<ManyToOneMapping>[] = [
    { id: 'order', label: '#', width: '44px', render: (m) => site.manyToOne.indexOf(m) + 1 },
    { id: 'name', label: 'Name', width: 'minmax(120px, 1fr)', render: (m) => m.name, title: (m) => m.description || m.name },
    { id: 'enabled', label: 'Enabled', width: '90px', render: (m) => (m.enabled ? 'Yes' : 'No') },
    { id: 'permission', label: 'Access', width: '76px', render: (m) => (m.permission === 'allow' ? 'Allow' : 'Deny') },
    { id: 'account', label: 'Account', width: 'minmax(90px, 0.7fr)', render: (m) => (m.permission === 'deny' ? '—' : m.hasPassword ? `${m.account ?? ''} (with password)` : (m.account ?? '')) },
    { id: 'rules', label: 'Rules', width: 'minmax(200px, 2fr)', render: (m) => describeRules(m.rules), title: (m) => describeRules(m.rules) },
  ];

  return (
    <Box data-testid="many-to-one-mappings" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <CollectionToggle site={site} collection="manyToOneEnabled" />
      <Typography variant="body2" color="text.secondary">
        Mappings are tried in this order after the one-to-one mappings; the first enabled one whose rules all match decides: accept as its account, or refuse (403.12). Nothing matched: 401.2 unless anonymous access is allowed.
      </Typography>
      <SelectableTable
        label="Many-to-one mappings"
        columns={columns}
        items={site.manyToOne}
        getId={(m) => m.id}
        selectedId={selectedId}
        onSelect={setSelectedId}
        onActivate={edit}
        rowAttributes={(m) => ({ 'data-name': m.name, 'data-enabled': m.enabled })}
        empty="No many-to-one mapping. Add… creates one from rules on the certificate's fields."
        minWidth={720}
      />
      <PaneToolbar label="Many-to-one actions" actions={actions} />
      {editor && (
        <RuleEditorDialog
          site={site}
          editing={editor === 'new' ? null : editor}
          onClose={(savedName) => {
            if (savedName) setPending({ name: savedName, replacedId: editor === 'new' ? null : editor.mapping.id });
            setEditor(null);
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
            await invoke('mappings.manyToOne.remove', { site: site.id, name: selected.name });
            report(`Removed many-to-one mapping "${selected.name}"`, 'success');
            setSelectedId(null);
            setConfirmRemove(false);
          }}
        >
          Remove the many-to-one mapping <strong>{selected.name}</strong> ({describeRules(selected.rules)})?
        </ConfirmDialog>
      )}
    </Box>
  );
}
