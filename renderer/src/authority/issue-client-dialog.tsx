import { useState } from 'react';
import { Alert, Box, Dialog, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { base64ToBytes } from '../util/base64';
import { downloadBytes } from '../util/download';
import { useSubmit } from '../util/use-submit';
import { AccountSelect } from '../accounts/account-select';
import { DialogButtons } from '../layout/dialog-buttons';

/** The subject a certificate for this account starts with: its name as the common name, its email when it has one. */
const subjectFor = (account: { name: string; email?: string }) => `CN=${account.name.replace(/([,+"\\<>;=])/g, '\\$1')}${account.email ? `, E=${account.email}` : ''}`;

/**
 * "Issue Client Certificate…": one action for a person. A new key, a certificate with the clientAuth
 * usage and the account's email and UPN, a PKCS#12 protected by the password (downloaded, never kept),
 * and optionally a one-to-one mapping on a site that is made to trust the authority.
 */
export function IssueClientDialog({ onClose }: { onClose(issuedSha256?: string): void }) {
  const { report } = useConsoleActions();
  const { accounts, sites } = useSitesData();
  const submit = useSubmit();
  const [accountName, setAccountName] = useState(accounts[0]?.name ?? '');
  const account = accounts.find((a) => a.name === accountName);
  const [subject, setSubject] = useState(account ? subjectFor(account) : '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [site, setSite] = useState('');
  const [days, setDays] = useState('365');
  const [tried, setTried] = useState(false);
  const validity = Number(days);
  const problems = {
    account: account ? undefined : 'Choose the account the certificate is for (add one in Accounts)',
    subject: subject.trim() ? undefined : 'The certificate needs a subject, e.g. CN=Alice Smith',
    password: password ? undefined : 'The PKCS#12 file needs a password to protect its private key',
    confirm: confirm === password ? undefined : 'The two passwords differ',
    days: Number.isInteger(validity) && validity >= 1 && validity <= 3650 ? undefined : 'From 1 to 3650 days',
  };
  const problem = Object.values(problems).find(Boolean);

  const issue = async () => {
    setTried(true);
    if (problem || !account) return;
    let sha256 = '';
    const ok = await submit.run(async () => {
      const result = await invoke('authority.issueClient', { account: account.name, subject: subject.trim(), password, mapSite: site || undefined, days: validity });
      downloadBytes(result.fileName, 'application/x-pkcs12', base64ToBytes(result.pfxBase64));
      sha256 = result.certificate.sha256;
      report(`Issued ${result.certificate.subject} for ${account.name}${result.mapping ? ` and mapped it on ${result.mapping.site}` : ''}; ${result.fileName} downloaded`, 'success');
    });
    if (ok) onClose(sha256);
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : () => onClose()} fullWidth maxWidth="sm" aria-labelledby="issue-client-title">
      <DialogTitle id="issue-client-title">Issue Client Certificate</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="issue-client-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void issue();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <AccountSelect
            accounts={accounts}
            value={accountName}
            onChange={(name) => {
              const next = accounts.find((a) => a.name === name);
              setAccountName(name);
              if (next) setSubject(subjectFor(next));
            }}
            error={tried && Boolean(problems.account)}
            helperText={(tried && problems.account) || (account ? `SAN: ${[account.email && `email ${account.email}`, account.upn && `UPN ${account.upn}`].filter(Boolean).join(', ') || 'none (the account has no email or UPN)'}` : ' ')}
          />
          <TextField label="Subject" value={subject} onChange={(event) => setSubject(event.target.value)} error={tried && Boolean(problems.subject)} helperText={(tried && problems.subject) || 'Most specific first, as the console shows names: CN=Alice Smith, O=Example'} />
          <Box sx={{ display: 'flex', gap: 1.5 }}>
            <TextField label="Password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} error={tried && Boolean(problems.password)} helperText={(tried && problems.password) || 'Protects the key in the .pfx'} sx={{ flex: 1 }} />
            <TextField label="Confirm password" type="password" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} error={tried && Boolean(problems.confirm)} helperText={(tried && problems.confirm) || ' '} sx={{ flex: 1 }} />
          </Box>
          <TextField select label="Map on site" value={site} onChange={(event) => setSite(event.target.value)} helperText="Also map the certificate one-to-one to the account there; the site is made to trust the authority" slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
            <MenuItem value="">
              <em>Do not map</em>
            </MenuItem>
            {sites.map((s) => (
              <MenuItem key={s.id} value={s.name}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Valid for (days)" value={days} onChange={(event) => setDays(event.target.value)} error={tried && Boolean(problems.days)} helperText={(tried && problems.days) || ' '} />
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={() => onClose()} label="Issue and Download" form="issue-client-form" />
    </Dialog>
  );
}
