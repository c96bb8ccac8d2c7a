import { useMemo, useState } from 'react';
import { Alert, Autocomplete, Box, Checkbox, Dialog, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, TextField } from '@mui/material';
import type { AuthorizationRule, Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { useSubmit } from '../util/use-submit';
import { describeWho } from './describe-authorization';
import { AccountSelect } from '../accounts/account-select';
import { DialogButtons } from '../layout/dialog-buttons';

const ALLOW_EVERYONE: AuthorizationRule = { access: 'allow', kind: 'everyone', name: '*' };

/**
 * IIS's "Add Allow Authorization Rule" / "Add Deny Authorization Rule": all users, anonymous, a group
 * or an account. `ownRules`: the folder's own list, which the new rule joins (empty when it inherits).
 */
export function AddAuthorizationRuleDialog({ site, path, access, ownRules, onClose }: { site: Site; path: string | null; access: AuthorizationRule['access']; ownRules: readonly AuthorizationRule[]; onClose(): void }) {
  const { report } = useConsoleActions();
  const { accounts } = useSitesData();
  const submit = useSubmit();
  const [kind, setKind] = useState<AuthorizationRule['kind']>('account');
  const [account, setAccount] = useState('');
  const [group, setGroup] = useState('');
  const [tried, setTried] = useState(false);
  const groups = useMemo(() => [...new Set(accounts.flatMap((a) => a.groups))].sort(), [accounts]);
  const name = kind === 'account' ? account : kind === 'group' ? group.trim() : kind === 'everyone' ? '*' : '?';
  const problem = (kind === 'account' || kind === 'group') && !name ? `Name the ${kind}` : undefined;
  const title = access === 'allow' ? 'Add Allow Authorization Rule' : 'Add Deny Authorization Rule';
  // A list of deny rules alone lets nobody in (an account no rule allows gets 401.3); IIS keeps its
  // inherited "Allow All Users" beside a new deny rule, so by default this one does too.
  const onlyDenies = access === 'deny' && !ownRules.some((rule) => rule.access === 'allow');
  const [allowOthers, setAllowOthers] = useState(true);

  const save = async () => {
    setTried(true);
    if (problem) return;
    const rule: AuthorizationRule = { access, kind, name };
    const ok = await submit.run(async () => {
      await invoke('sites.authorization.add', { site: site.id, ...(path ? { path } : {}), rule });
      const alsoAllow = onlyDenies && allowOthers && kind !== 'everyone';
      if (alsoAllow) await invoke('sites.authorization.add', { site: site.id, ...(path ? { path } : {}), rule: ALLOW_EVERYONE });
      report(`${access === 'allow' ? 'Allowed' : 'Denied'} ${describeWho(rule)} on ${site.name}${path ?? ''}${alsoAllow ? '; all other users stay allowed' : ''}`, 'success');
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="authorization-rule-title">
      <DialogTitle id="authorization-rule-title">{title}</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="authorization-rule-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}
        >
          <RadioGroup aria-label={`${access === 'allow' ? 'Allow' : 'Deny'} access to`} value={kind} onChange={(event) => setKind(event.target.value as AuthorizationRule['kind'])}>
            <FormControlLabel value="everyone" control={<Radio size="small" />} label="All users (*): everyone a mapping logged on" />
            <FormControlLabel value="anonymous" control={<Radio size="small" />} label="All anonymous users (?)" />
            <FormControlLabel value="group" control={<Radio size="small" />} label="Specified group" />
            {kind === 'group' && (
              <Autocomplete
                freeSolo
                options={groups}
                inputValue={group}
                onInputChange={(_event, value) => setGroup(value)}
                renderInput={(params) => <TextField {...params} label="Group" autoFocus error={tried && Boolean(problem)} helperText={(tried && problem) || 'A group of the local accounts (or of the directory)'} />}
                sx={{ ml: 4 }}
              />
            )}
            <FormControlLabel value="account" control={<Radio size="small" />} label="Specified account" />
            {kind === 'account' && (
              <AccountSelect accounts={accounts} value={account} onChange={setAccount} error={tried && Boolean(problem)} helperText={(tried && problem) || ' '} sx={{ ml: 4 }} />
            )}
          </RadioGroup>
          {onlyDenies && kind !== 'everyone' && (
            <FormControlLabel
              control={<Checkbox size="small" checked={allowOthers} onChange={(event) => setAllowOthers(event.target.checked)} />}
              label="Let all other users in: also add Allow All users (*). Without an allow rule, nobody may enter."
            />
          )}
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="OK" form="authorization-rule-form" />
    </Dialog>
  );
}
