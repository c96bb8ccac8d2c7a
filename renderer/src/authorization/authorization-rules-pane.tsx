import { useState } from 'react';
import { Alert, Box } from '@mui/material';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import Block from '@mui/icons-material/Block';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import type { AuthorizationRule, Site } from '../../../shared/models/site';
import { invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { FeaturePage } from '../features/feature-page';
import { SITE_FEATURES } from '../features/site-feature-meta';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { effectiveAuthorization } from '../ssl/effective-security';
import { useConsoleActions } from '../state/console-context';
import { AddAuthorizationRuleDialog } from './add-authorization-rule-dialog';
import { describeWho } from './describe-authorization';

/** A rule with its position, which is how the contract removes it. */
interface IndexedRule {
  index: number;
  rule: AuthorizationRule;
}

/** IIS's Authorization Rules page for the site root or a folder: allow and deny rules on accounts and groups (refusal: 401.3). */
export function AuthorizationRulesPane({ site, path, back }: { site: Site; path: string | null; back: { label: string; onBack(): void } }) {
  const { report } = useConsoleActions();
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState<AuthorizationRule['access'] | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const { rules, from } = effectiveAuthorization(site, path);
  const here = path ?? '/';
  const inherited = from.toLowerCase() !== here.toLowerCase();
  // Inherited rules are shown but belong to another folder: they are removed there.
  const items: IndexedRule[] = rules.map((rule, index) => ({ index, rule }));
  const selectedItem = items.find((r) => String(r.index) === selected);

  const actions: ConsoleAction[] = [
    { label: 'Add Allow Rule…', icon: <CheckCircleOutline fontSize="small" />, onClick: () => setAdding('allow') },
    { label: 'Add Deny Rule…', icon: <Block fontSize="small" />, onClick: () => setAdding('deny') },
    { label: 'Remove', icon: <DeleteOutline fontSize="small" />, onClick: () => setConfirmRemove(true), disabled: !selectedItem || inherited },
  ];
  usePublishActions('Authorization Rules', actions);

  const columns: TableColumn<IndexedRule>[] = [
    { id: 'mode', label: 'Mode', width: '90px', render: ({ rule }) => (rule.access === 'allow' ? 'Allow' : 'Deny') },
    { id: 'who', label: 'Users', width: 'minmax(200px, 1fr)', render: ({ rule }) => describeWho(rule) },
    { id: 'entry', label: 'Entry type', width: '140px', render: () => (inherited ? `Inherited (${from})` : 'Local') },
  ];

  return (
    <FeaturePage testId="authorization-rules" icon={SITE_FEATURES.authorization.icon} title="Authorization Rules" description={`Who may enter ${site.name}${path ?? ''} once the certificate is mapped.`} back={back}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Alert severity="info" variant="outlined">
          Deny rules are checked first, then allow rules; an account no rule allows gets 401.3. With no rule at all, everyone the mapping let in may enter (IIS&apos;s &quot;Allow All Users&quot;).
        </Alert>
        {inherited && rules.length > 0 && (
          <Alert severity="warning" variant="outlined">
            This folder has no rules of its own: the rules of {from === '/' ? 'the site' : from} apply. Adding a rule here gives the folder its own list, which then replaces them.
          </Alert>
        )}
        {rules.length > 0 && !rules.some((rule) => rule.access === 'allow') && (
          <Alert severity="warning" variant="outlined" data-testid="authorization-nobody-allowed">
            No rule allows anyone here: every account gets 401.3. Add Allow Rule… (All users) to refuse only those the deny rules name.
          </Alert>
        )}
        <SelectableTable
          label="Authorization rules"
          columns={columns}
          items={items}
          getId={(r) => String(r.index)}
          selectedId={selected}
          onSelect={setSelected}
          rowAttributes={({ rule }) => ({ 'data-access': rule.access, 'data-kind': rule.kind, 'data-name': rule.name })}
          empty="No rule: all users may enter."
        />
        <PaneToolbar label="Authorization actions" actions={actions} />
      </Box>
      {adding && <AddAuthorizationRuleDialog site={site} path={path} access={adding} ownRules={inherited ? [] : rules} onClose={() => setAdding(null)} />}
      {confirmRemove && selectedItem && (
        <ConfirmDialog
          title="Remove authorization rule"
          confirmLabel="Remove"
          destructive
          onCancel={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await invoke('sites.authorization.remove', { site: site.id, ...(path ? { path } : {}), index: selectedItem.index });
            report(`Removed the rule "${selectedItem.rule.access} ${describeWho(selectedItem.rule)}"`, 'success');
            setSelected(null);
            setConfirmRemove(false);
          }}
        >
          Remove the rule <strong>{selectedItem.rule.access === 'allow' ? 'Allow' : 'Deny'} {describeWho(selectedItem.rule)}</strong> from {site.name}
          {path ?? ''}?
        </ConfirmDialog>
      )}
    </FeaturePage>
  );
}
