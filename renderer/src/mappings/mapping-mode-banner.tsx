import { useState } from 'react';
import { Alert, FormControlLabel, Switch } from '@mui/material';
import type { Site } from '../../../shared/models/site';
import { errorMessage, invoke } from '../api';
import { ConfirmDialog } from '../layout/confirm-dialog';
import { useConsoleActions } from '../state/console-context';

/**
 * Which mapper is active, said where the mappings are, with the switch to change it. IIS made the directory
 * mapper silently disable local mappings, which looked like a broken mapping (KB Q243353): here turning it
 * on asks first, and while it is on the banner says the local mappings are ignored.
 */
export function MappingModeBanner({ site }: { site: Site }) {
  const { report } = useConsoleActions();
  const [confirming, setConfirming] = useState(false);
  const local = site.mappingMode === 'local';
  const count = site.oneToOne.length + site.manyToOne.length;

  const setMode = async (mode: Site['mappingMode']) => {
    await invoke('sites.setOptions', { site: site.id, mappingMode: mode });
    report(mode === 'directory' ? `${site.name} now maps through the directory; its local mappings are ignored` : `${site.name} now uses its local mappings`, 'success');
  };

  return (
    <>
      <Alert
        data-testid="mapping-mode"
        data-mode={site.mappingMode}
        severity={local ? 'info' : 'warning'}
        action={
          <FormControlLabel
            sx={{ mr: 0.5, whiteSpace: 'nowrap' }}
            control={
              <Switch
                checked={!local}
                onChange={(event) => {
                  if (event.target.checked) setConfirming(true);
                  else void setMode('local').catch((error: unknown) => report(errorMessage(error), 'error'));
                }}
              />
            }
            label="Directory mapper"
          />
        }
      >
        {local
          ? 'Local mapper active: one-to-one mappings first, then many-to-one in order; the first match wins.'
          : `Directory mapper active: accounts are found in the directory (LDAP). The ${count} local mapping${count === 1 ? '' : 's'} below ${count === 1 ? 'is' : 'are'} kept but ignored, because only one mapper can be active.`}
      </Alert>
      {confirming && (
        <ConfirmDialog
          title="Use the directory mapper?"
          confirmLabel="Use the directory mapper"
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await setMode('directory');
            setConfirming(false);
          }}
        >
          Only one mapper can be active on a site. While the directory mapper is on, the {count} local mapping{count === 1 ? '' : 's'} of <strong>{site.name}</strong> (one-to-one and many-to-one) will be ignored: they are kept, not deleted, and apply again when you switch back to the local mapper.
        </ConfirmDialog>
      )}
    </>
  );
}
