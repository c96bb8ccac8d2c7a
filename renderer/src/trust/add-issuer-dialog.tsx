import { useMemo, useState } from 'react';
import { Alert, Box, Checkbox, Dialog, DialogContent, DialogContentText, DialogTitle, List, ListItemButton, ListItemIcon, ListItemText, TextField } from '@mui/material';
import type { Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { formatDate } from '../util/dates';
import { STORE_SHORT_LABELS } from '../util/store-labels';
import { useSubmit } from '../util/use-submit';
import { DialogButtons } from '../layout/dialog-buttons';

/** Pick roots and intermediates from the stores to trust for this site (several at once). */
export function AddIssuerDialog({ site, onClose }: { site: Site; onClose(): void }) {
  const { report } = useConsoleActions();
  const { certificates } = useConsoleData();
  const submit = useSubmit();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const trusted = useMemo(() => new Set(site.trustedIssuers), [site.trustedIssuers]);
  const candidates = useMemo(() => {
    const q = query.trim().toLowerCase();
    return certificates
      .filter((c) => (c.store === 'root' || c.store === 'intermediate') && !trusted.has(c.sha256))
      .filter((c) => !q || c.subject.toLowerCase().includes(q) || c.sha256.includes(q))
      .sort((a, b) => (a.store === b.store ? a.displayName.localeCompare(b.displayName) : a.store === 'root' ? -1 : 1));
  }, [certificates, trusted, query]);

  const toggle = (sha256: string) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(sha256)) next.delete(sha256);
      else next.add(sha256);
      return next;
    });

  const add = async () => {
    const ok = await submit.run(async () => {
      await invoke('sites.setTrust', { site: site.id, add: [...chosen], remove: [] });
      report(`${site.name} now trusts ${chosen.size} more issuer${chosen.size === 1 ? '' : 's'}`, 'success');
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="add-issuer-title">
      <DialogTitle id="add-issuer-title">Add Trusted Issuers</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <DialogContentText>From the Trusted Root and Intermediate stores. Import a CA certificate first if it is not listed.</DialogContentText>
        <TextField label="Filter" value={query} onChange={(event) => setQuery(event.target.value)} autoFocus slotProps={{ htmlInput: { type: 'search' } }} />
        <Box sx={{ maxHeight: 360, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <List dense aria-label="Certification authorities" aria-multiselectable>
            {candidates.map((c) => (
              <ListItemButton key={c.sha256} data-sha256={c.sha256} role="option" aria-selected={chosen.has(c.sha256)} onClick={() => toggle(c.sha256)}>
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <Checkbox edge="start" size="small" checked={chosen.has(c.sha256)} tabIndex={-1} disableRipple slotProps={{ input: { 'aria-hidden': true } }} />
                </ListItemIcon>
                <ListItemText primary={c.subject} secondary={`${STORE_SHORT_LABELS[c.store]} · expires ${formatDate(c.notAfter)}`} />
              </ListItemButton>
            ))}
            {candidates.length === 0 && <ListItemText sx={{ px: 2 }} secondary="No other CA certificate in the stores." />}
          </List>
        </Box>
        {submit.error && <Alert severity="error">{submit.error}</Alert>}
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label={chosen.size ? `Add ${chosen.size}` : 'Add'} onClick={() => void add()} disabled={chosen.size === 0} />
    </Dialog>
  );
}
