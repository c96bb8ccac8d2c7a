import { Alert, Dialog, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { DialogButtons } from '../layout/dialog-buttons';

/** Confirm before removing a site, saying what goes with it (its mappings) and what stays (certificates, accounts). */
export function RemoveSiteDialog({ site, onClose }: { site: Site; onClose(): void }) {
  const { report, selectNode } = useConsoleActions();
  const submit = useSubmit();
  const mappings = site.oneToOne.length + site.manyToOne.length;

  const confirm = async () => {
    const ok = await submit.run(async () => {
      await invoke('sites.remove', { site: site.id });
      // The site's pages (and any change not applied on them) went with it: nothing to ask.
      selectNode('sites', { force: true });
      report(`Removed site ${site.name}`, 'success');
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} aria-labelledby="remove-site-title" aria-describedby="remove-site-text">
      <DialogTitle id="remove-site-title">Remove Site</DialogTitle>
      <DialogContent>
        <DialogContentText id="remove-site-text">
          Remove <strong>{site.name}</strong>
          {mappings ? ` with its ${mappings} mapping${mappings === 1 ? '' : 's'}` : ''}? Its bindings stop listening. Certificates and accounts stay.
        </DialogContentText>
        {submit.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {submit.error}
          </Alert>
        )}
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="Remove" onClick={() => void confirm()} destructive cancelFocused />
    </Dialog>
  );
}
