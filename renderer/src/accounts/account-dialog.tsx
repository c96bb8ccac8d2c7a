import { useState } from 'react';
import { Alert, Box, Dialog, DialogContent, DialogTitle, TextField } from '@mui/material';
import { accountSchema, type Account } from '../../../shared/models/site';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { useSubmit } from '../util/use-submit';
import { parseGroups } from './account-choice';
import { DialogButtons } from '../layout/dialog-buttons';

/** Add an account, or edit one's groups and description (its name is its identity and stays). */
export function AccountDialog({ account, onClose }: { account: Account | null; onClose(savedName?: string): void }) {
  const { report } = useConsoleActions();
  const { accounts } = useSitesData();
  const submit = useSubmit();
  const [name, setName] = useState(account?.name ?? '');
  const [groups, setGroups] = useState(account?.groups.join(', ') ?? '');
  const [description, setDescription] = useState(account?.description ?? '');
  // Written into the client certificates the local authority issues for the account (email, UPN SANs).
  const [email, setEmail] = useState(account?.email ?? '');
  const [upn, setUpn] = useState(account?.upn ?? '');
  const [tried, setTried] = useState(false);
  const taken = !account && accounts.some((a) => a.name.toLowerCase() === name.trim().toLowerCase());
  const problem = !name.trim() ? 'An account needs a name' : taken ? 'This account exists: select it and use Edit…' : undefined;
  // Checked here with the contract's own rules, so the message sits under its field.
  const emailProblem = email.trim() && !accountSchema.shape.email.safeParse(email.trim()).success ? 'Not an email address (name@domain)' : undefined;
  const upnProblem = upn.trim() && !accountSchema.shape.upn.safeParse(upn.trim()).success ? 'A UPN looks like user@domain' : undefined;

  const save = async () => {
    setTried(true);
    if (problem || emailProblem || upnProblem) return;
    const ok = await submit.run(async () => {
      const saved = await invoke('accounts.upsert', { name: name.trim(), groups: parseGroups(groups), description: description.trim(), email: email.trim() || undefined, upn: upn.trim() || undefined, create: !account });
      report(`${account ? 'Saved' : 'Added'} account ${saved.name}`, 'success');
    });
    if (ok) onClose(name.trim());
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : () => onClose()} fullWidth maxWidth="sm" aria-labelledby="account-dialog-title">
      <DialogTitle id="account-dialog-title">{account ? `Edit Account ${account.name}` : 'Add Account'}</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="account-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} disabled={Boolean(account)} required autoFocus={!account} error={tried && Boolean(problem)} helperText={(tried && problem) || 'What mappings log on as, and what the upstream application receives'} />
          <TextField label="Groups" value={groups} onChange={(event) => setGroups(event.target.value)} autoFocus={Boolean(account)} helperText="Separated by commas; authorization rules can allow or deny a group" />
          <TextField label="Description" value={description} onChange={(event) => setDescription(event.target.value)} />
          <Box sx={{ display: 'flex', gap: 1.5 }}>
            <TextField label="Email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={tried && Boolean(emailProblem)} helperText={(tried && emailProblem) || 'Put in the certificates the local authority issues'} sx={{ flex: 1 }} />
            <TextField label="UPN" value={upn} onChange={(event) => setUpn(event.target.value)} placeholder="user@domain" error={tried && Boolean(upnProblem)} helperText={(tried && upnProblem) || 'User principal name, likewise'} sx={{ flex: 1 }} />
          </Box>
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={() => onClose()} label="OK" form="account-form" />
    </Dialog>
  );
}
