import { useState, type ReactNode } from 'react';
import { Alert, Box, Checkbox, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import Undo from '@mui/icons-material/Undo';
import { CLIENT_CERTIFICATE_MODES, REVOCATION_MODES, type FolderSecurity, type Site } from '../../../shared/models/site';
import { invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { FeaturePage } from '../features/feature-page';
import { SITE_FEATURES } from '../features/site-feature-meta';
import { PaneToolbar } from '../layout/pane-toolbar';
import { useConsoleActions } from '../state/console-context';
import { useNavigationGuard } from '../state/navigation-guard';
import { useSitesData } from '../state/sites-data-context';
import { useSubmit } from '../util/use-submit';
import { effectiveSecurity } from './effective-security';
import { InheritedNote } from './inherited-note';

const CLIENT_CERTIFICATE_TEXT: Record<(typeof CLIENT_CERTIFICATE_MODES)[number], { label: string; help: string }> = {
  ignore: { label: 'Ignore', help: 'No certificate is asked for here.' },
  accept: { label: 'Accept', help: 'Asked for; a request without one goes on to mapping (anonymous or 401.2).' },
  require: { label: 'Require', help: 'Without a certificate: 403.7.' },
};

const REVOCATION_TEXT: Record<(typeof REVOCATION_MODES)[number], { label: string; help: string }> = {
  strict: { label: 'Strict', help: 'Revoked, or revocation status unknown: 403.13 (default).' },
  cached: { label: 'Cached CRLs only', help: 'Check the CRLs already held; do not fetch.' },
  off: { label: 'Off', help: 'No revocation check.' },
};

/** Only the settings the user changed to something other than what is in force now. */
function pendingChanges(draft: Partial<FolderSecurity>, current: FolderSecurity): Partial<FolderSecurity> {
  return Object.fromEntries(Object.entries(draft).filter(([key, value]) => value !== undefined && value !== current[key as keyof FolderSecurity]));
}

/** IIS's SSL Settings page for a site or a folder; on a folder each setting says where it is inherited from. */
export function SslSettingsPane({ site, path, back }: { site: Site; path: string | null; back: { label: string; onBack(): void } }) {
  const { report } = useConsoleActions();
  const { refresh } = useSitesData();
  const submit = useSubmit();
  const [draft, setDraft] = useState<Partial<FolderSecurity>>({});
  const { security: current, sources } = effectiveSecurity(site, path);
  const pending = pendingChanges(draft, current);
  const dirty = Object.keys(pending).length > 0;
  const value = { ...current, ...pending };
  const set = <K extends keyof FolderSecurity>(key: K, next: FolderSecurity[K]) => setDraft((d) => ({ ...d, [key]: next }));
  const where = path ? `${site.name}${path}` : site.name;

  const apply = async (): Promise<boolean> => {
    const changes = pending;
    const ok = await submit.run(async () => {
      await invoke('sites.setSecurity', { site: site.id, ...(path ? { path } : {}), security: changes });
      // Read the site back before dropping the draft, or the old values would flash until the event's refresh.
      await refresh();
    });
    if (ok) {
      setDraft({});
      report(`SSL settings of ${where} applied`, 'success');
    }
    return ok;
  };
  // Leaving with changes not applied asks first (IIS Manager: "Do you want to save the changes?").
  useNavigationGuard(dirty ? { what: `SSL Settings of ${where}`, apply, discard: () => setDraft({}) } : null);

  const actions: ConsoleAction[] = [
    { label: 'Apply', icon: <CheckCircleOutline fontSize="small" />, onClick: () => void apply(), disabled: !dirty || submit.busy },
    { label: 'Cancel', icon: <Undo fontSize="small" />, onClick: () => setDraft({}), disabled: !dirty || submit.busy },
  ];
  usePublishActions('SSL Settings', actions);

  const note = (key: keyof FolderSecurity): ReactNode => (path ? <InheritedNote id={`ssl-${key}-source`} source={sources[key]} changed={key in pending} /> : null);
  const describedBy = (key: keyof FolderSecurity) => (path ? `ssl-${key}-source` : undefined);

  return (
    <FeaturePage testId="ssl-settings" icon={SITE_FEATURES.ssl.icon} title="SSL Settings" description={`TLS and client-certificate settings for ${where}.`} back={back}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 720 }}>
        {path && (
          <Alert severity="info" variant="outlined">
            A folder inherits each setting from {site.name} (or a parent folder) until it is changed here. A setting changed here stays set on this folder.
          </Alert>
        )}
        <Box>
          <FormControlLabel
            control={<Checkbox checked={value.requireTls} onChange={(event) => set('requireTls', event.target.checked)} slotProps={{ input: { 'aria-describedby': describedBy('requireTls') } }} />}
            label="Require SSL"
          />
          <Typography variant="caption" color="text.secondary" component="span" sx={{ mr: 1 }}>
            A plain-HTTP request: 403.4.
          </Typography>
          {note('requireTls')}
        </Box>
        <FormControl component="fieldset">
          <FormLabel component="legend" id="ssl-client-certificates">
            Client certificates {note('clientCertificates')}
          </FormLabel>
          <RadioGroup aria-labelledby="ssl-client-certificates" value={value.clientCertificates} onChange={(event) => set('clientCertificates', event.target.value as FolderSecurity['clientCertificates'])}>
            {CLIENT_CERTIFICATE_MODES.map((mode) => (
              <FormControlLabel
                key={mode}
                value={mode}
                control={<Radio size="small" />}
                label={
                  <span>
                    {CLIENT_CERTIFICATE_TEXT[mode].label}{' '}
                    <Typography component="span" variant="caption" color="text.secondary">
                      {CLIENT_CERTIFICATE_TEXT[mode].help}
                    </Typography>
                  </span>
                }
              />
            ))}
          </RadioGroup>
        </FormControl>
        <Box>
          <FormControlLabel
            control={<Checkbox checked={value.mapping} onChange={(event) => set('mapping', event.target.checked)} slotProps={{ input: { 'aria-describedby': describedBy('mapping') } }} />}
            label="Enable client certificate mapping"
          />
          {note('mapping')}
        </Box>
        <Box>
          <FormControlLabel
            control={<Checkbox checked={value.anonymous} onChange={(event) => set('anonymous', event.target.checked)} slotProps={{ input: { 'aria-describedby': describedBy('anonymous') } }} />}
            label="Allow anonymous access"
          />
          <Typography variant="caption" color="text.secondary" component="span" sx={{ mr: 1 }}>
            When no mapping matched; otherwise 401.2.
          </Typography>
          {note('anonymous')}
        </Box>
        <FormControl component="fieldset">
          <FormLabel component="legend" id="ssl-revocation">
            Revocation checking {note('revocation')}
          </FormLabel>
          <RadioGroup row aria-labelledby="ssl-revocation" value={value.revocation} onChange={(event) => set('revocation', event.target.value as FolderSecurity['revocation'])}>
            {REVOCATION_MODES.map((mode) => (
              <FormControlLabel key={mode} value={mode} control={<Radio size="small" />} label={REVOCATION_TEXT[mode].label} title={REVOCATION_TEXT[mode].help} />
            ))}
          </RadioGroup>
          <Typography variant="caption" color="text.secondary">
            {REVOCATION_TEXT[value.revocation].help}
          </Typography>
        </FormControl>
        {value.clientCertificates === 'ignore' && value.mapping && (
          <Alert severity="warning">Mapping is on but client certificates are ignored here: no certificate will be there to map.</Alert>
        )}
        {submit.error && <Alert severity="error">{submit.error}</Alert>}
        <Box>
          {dirty && (
            <Typography variant="body2" color="warning.main" role="status" data-testid="ssl-unapplied">
              Changes not applied: {Object.keys(pending).length} setting{Object.keys(pending).length === 1 ? '' : 's'} changed. Apply them, or Cancel to go back to what is in force.
            </Typography>
          )}
          <PaneToolbar label="SSL Settings actions" actions={actions} />
        </Box>
      </Box>
    </FeaturePage>
  );
}
