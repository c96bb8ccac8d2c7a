import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Dialog, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import type { ManyToOneMapping, Site } from '../../../shared/models/site';
import { AccountPicker } from '../accounts/account-picker';
import { accountChoiceProblem, EMPTY_ACCOUNT_CHOICE, ensureAccount, type AccountChoice } from '../accounts/account-choice';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { useSubmit } from '../util/use-submit';
import { NEW_RULE, ruleProblem, toMatchRule, toRuleDraft, type RuleDraft } from './match-fields';
import { MatchRuleFields } from './match-rule-fields';
import { RulePreview } from './rule-preview';
import { saveManyToOne } from './save-many-to-one';
import { DialogButtons } from '../layout/dialog-buttons';

interface Props {
  site: Site;
  /** The mapping being edited and its 1-based position; null adds a new one at the end. */
  editing: { mapping: ManyToOneMapping; position: number } | null;
  onClose(savedName?: string): void;
}

/** IIS 6's many-to-one "Rule" wizard in one dialog: name, rules (ANDed), allow as an account or deny, with a live preview. */
export function RuleEditorDialog({ site, editing, onClose }: Props) {
  const { report } = useConsoleActions();
  const { accounts } = useSitesData();
  const submit = useSubmit();
  const original = editing?.mapping;
  const [name, setName] = useState(original?.name ?? '');
  const [description, setDescription] = useState(original?.description ?? '');
  const [enabled, setEnabled] = useState(original?.enabled ?? true);
  const [permission, setPermission] = useState<'allow' | 'deny'>(original?.permission ?? 'allow');
  const [account, setAccount] = useState<AccountChoice>(original?.account ? { ...EMPTY_ACCOUNT_CHOICE, selected: original.account } : EMPTY_ACCOUNT_CHOICE);
  const [password, setPassword] = useState('');
  const [rules, setRules] = useState<RuleDraft[]>(original?.rules.length ? original.rules.map(toRuleDraft) : [NEW_RULE]);
  const [tried, setTried] = useState(false);

  const nameTaken = site.manyToOne.some((m) => m !== original && m.name.toLowerCase() === name.trim().toLowerCase());
  const nameProblem = !name.trim() ? 'A mapping needs a name' : nameTaken ? 'Another mapping of this site has this name' : undefined;
  const accountProblem = permission === 'allow' ? accountChoiceProblem(account, 'An allow mapping logs on as an account') : undefined;
  const rulesValid = rules.every((r) => !ruleProblem(r));
  const completeRules = rules.filter((r) => !ruleProblem(r)).map(toMatchRule);

  const save = async () => {
    setTried(true);
    if (nameProblem || accountProblem || !rulesValid || !rules.length) return;
    const ok = await submit.run(async () => {
      const accountName = permission === 'allow' ? await ensureAccount(account, accounts) : null;
      await saveManyToOne(site.id, { name: name.trim(), description, enabled, permission, account: accountName, rules: rules.map(toMatchRule), ...(password ? { password } : {}) }, editing);
      report(`${editing ? 'Saved' : 'Added'} many-to-one mapping "${name.trim()}" on ${site.name}`, 'success');
    });
    if (ok) onClose(name.trim());
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : () => onClose()} fullWidth maxWidth="lg" aria-labelledby="rule-editor-title">
      <DialogTitle id="rule-editor-title">{editing ? 'Edit Many-to-One Mapping' : 'Add Many-to-One Mapping'}</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="rule-editor-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} required autoFocus error={tried && Boolean(nameProblem)} helperText={(tried && nameProblem) || ' '} sx={{ flex: '1 1 220px' }} />
            <TextField label="Description" value={description} onChange={(event) => setDescription(event.target.value)} helperText=" " sx={{ flex: '2 1 320px' }} />
            <FormControlLabel control={<Checkbox checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />} label="Enable this mapping" sx={{ mt: 0.5 }} />
          </Box>

          <Box component="section" aria-labelledby="rule-editor-rules">
            <Typography id="rule-editor-rules" variant="subtitle2" component="h3">
              Rules (all must match)
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
              * matches any characters; everything else is literal, the whole value must match. A field with several values (two OUs) matches if any of them does.
            </Typography>
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
              {rules.map((rule, index) => (
                <MatchRuleFields
                  key={index}
                  index={index}
                  draft={rule}
                  showProblem={tried}
                  canRemove={rules.length > 1}
                  onChange={(next) => setRules((list) => list.map((r, i) => (i === index ? next : r)))}
                  onRemove={() => setRules((list) => list.filter((_, i) => i !== index))}
                />
              ))}
            </Box>
            <Button startIcon={<Add />} onClick={() => setRules((list) => [...list, NEW_RULE])} disabled={rules.length >= 64}>
              Add rule
            </Button>
          </Box>

          <Box component="section" aria-labelledby="rule-editor-outcome">
            <Typography id="rule-editor-outcome" variant="subtitle2" component="h3">
              When every rule matches
            </Typography>
            <RadioGroup row aria-labelledby="rule-editor-outcome" value={permission} onChange={(event) => setPermission(event.target.value as 'allow' | 'deny')}>
              <FormControlLabel value="allow" control={<Radio size="small" />} label="Accept: log on as this account" />
              <FormControlLabel value="deny" control={<Radio size="small" />} label="Refuse access (403.12)" />
            </RadioGroup>
            {permission === 'allow' && (
              <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, mt: 1, maxWidth: 560 }}>
                <AccountPicker value={account} onChange={setAccount} error={tried ? accountProblem : undefined} disabled={submit.busy} />
                <TextField
                  type="password"
                  label="Password (optional)"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  autoComplete="new-password"
                  helperText={original?.hasPassword ? 'This mapping has a stored password: type it again to keep it (stored passwords are never read back)' : 'Sent upstream as HTTP Basic with the account name'}
                />
              </Box>
            )}
          </Box>

          <RulePreview rules={completeRules.length && completeRules.length === rules.length ? completeRules : null} />
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={() => onClose()} label="OK" form="rule-editor-form" />
    </Dialog>
  );
}
