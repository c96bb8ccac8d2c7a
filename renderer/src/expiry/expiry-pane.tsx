import { useEffect, useState } from 'react';
import { Alert, Box, Button, FormControlLabel, Switch, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import AutorenewOutlined from '@mui/icons-material/AutorenewOutlined';
import type { ExpiryItem } from '../../../shared/models/expiry';
import { errorMessage, invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { NodeIcon } from '../connections/node-icon';
import { FeaturePage } from '../features/feature-page';
import { PaneToolbar } from '../layout/pane-toolbar';
import { SelectableTable, type TableColumn } from '../layout/selectable-table';
import { RenewalWizard } from '../renewal/renewal-wizard';
import { useConsoleActions } from '../state/console-context';
import { formatDate } from '../util/dates';
import { expiryItemId, expiryStatus, KIND_LABELS, whenText } from './expiry-labels';
import { ExpiryTimeline } from './expiry-timeline';
import type { TimelineHorizon } from './timeline-layout';
import { useExpiryOverview } from './use-expiry-overview';

const HORIZONS: { value: TimelineHorizon; label: string }[] = [
  { value: 90, label: '90 days' },
  { value: 365, label: '1 year' },
  { value: 1825, label: '5 years' },
  { value: 'all', label: 'All' },
];

/** "Warn N days ahead": the lead time, stored in the configuration for the banner and the desktop notification. */
function LeadDaysForm({ leadDays }: { leadDays: number }) {
  const { report } = useConsoleActions();
  const [text, setText] = useState(String(leadDays));
  useEffect(() => setText(String(leadDays)), [leadDays]);
  const days = Number(text);
  const problem = /^\d+$/.test(text) && days >= 1 && days <= 3650 ? null : '1 to 3650 days';
  return (
    <Box
      component="form"
      aria-label="Warning lead time"
      onSubmit={(event) => {
        event.preventDefault();
        if (problem) return;
        invoke('expiry.setLeadDays', { days }).then(
          () => report(`Expiry warnings now start ${days} days ahead`, 'success'),
          (error: unknown) => report(`Could not change the lead time: ${errorMessage(error)}`, 'error'),
        );
      }}
      sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
    >
      <TextField
        size="small"
        label="Warn days ahead"
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={Boolean(problem)}
        helperText={problem ?? ' '}
        sx={{ width: 150 }}
        slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': 'Warn days ahead' } }}
      />
      <Button type="submit" variant="outlined" disabled={Boolean(problem) || days === leadDays}>
        Apply
      </Button>
    </Box>
  );
}

const COLUMNS: TableColumn<ExpiryItem>[] = [
  { id: 'kind', label: 'Kind', width: '185px', render: (i) => KIND_LABELS[i.kind] },
  { id: 'name', label: 'Name', width: 'minmax(160px, 1.2fr)', render: (i) => i.name, title: (i) => i.subject },
  { id: 'expires', label: 'Expires', width: '120px', render: (i) => formatDate(i.expiresAt) },
  { id: 'when', label: 'When', width: '130px', render: (i) => <span className={i.expired ? 'expired' : undefined}>{whenText(i)}</span> },
  { id: 'used', label: 'Used by', width: 'minmax(200px, 2fr)', render: (i) => i.usedBy.map((u) => u.text).join('; ') || 'Not used', title: (i) => i.usedBy.map((u) => u.text).join('\n') },
];

/**
 * What expires when: server certificates (and the bindings using them), client certificates of
 * one-to-one mappings, the authorities sites trust or chains go through, and CRL next updates, on a
 * timeline with the warning window, then as a list.
 */
export function ExpiryPane() {
  const [showAll, setShowAll] = useState(false);
  const [horizon, setHorizon] = useState<TimelineHorizon>(365);
  const [selected, setSelected] = useState<string | null>(null);
  const [renewing, setRenewing] = useState<string | null>(null);
  const { overview, error } = useExpiryOverview(showAll ? 'all' : 'in-use');
  const items = overview?.items ?? [];
  const item = items.find((i) => expiryItemId(i) === selected);
  // Server and client certificates renew in the wizard; authorities and CRLs renew with the authority.
  const renewable = item && (item.kind === 'server' || item.kind === 'client') ? item : undefined;
  const actions: ConsoleAction[] = [{ label: 'Renew…', icon: <AutorenewOutlined fontSize="small" />, onClick: () => renewable && setRenewing(renewable.sha256), disabled: !renewable }];
  usePublishActions('Certificate Expiry', actions);
  const now = overview ? Date.parse(overview.now) : Date.now();
  return (
    <FeaturePage
      testId="expiry"
      icon={<NodeIcon id="expiry" />}
      title="Certificate Expiry"
      description="What expires when, and where each is used. Warnings start at the lead time below: a banner here, a desktop notification in the desktop app."
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {error && <Alert severity="error">{error}</Alert>}
        {overview && (
          <Alert severity={overview.warning.expired || overview.warning.staleCrls ? 'error' : overview.warning.expiring ? 'warning' : 'success'} data-testid="expiry-summary">
            {overview.warning.message ?? `Nothing in use expires within ${overview.leadDays} days.`}
          </Alert>
        )}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
          {overview && <LeadDaysForm leadDays={overview.leadDays} />}
          <ToggleButtonGroup size="small" exclusive value={horizon} onChange={(_event, value: TimelineHorizon | null) => value && setHorizon(value)} aria-label="Timeline span">
            {HORIZONS.map((h) => (
              <ToggleButton key={h.label} value={h.value}>
                {h.label}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <FormControlLabel control={<Switch checked={showAll} onChange={(event) => setShowAll(event.target.checked)} />} label="Include certificates nothing uses" />
        </Box>
        {overview && <ExpiryTimeline items={items} now={overview.now} leadDays={overview.leadDays} horizon={horizon} selected={selected} onSelect={setSelected} />}
        <Typography variant="subtitle2" component="h2">
          {items.length} item{items.length === 1 ? '' : 's'}, soonest first
        </Typography>
        <SelectableTable
          label="Expiring items"
          columns={COLUMNS}
          items={items}
          getId={expiryItemId}
          selectedId={selected}
          onSelect={setSelected}
          rowAttributes={(i) => ({ 'data-sha256': i.sha256, 'data-kind': i.kind, 'data-status': overview ? expiryStatus(i, overview.leadDays, now) : 'ok' })}
          empty={overview ? 'Nothing to show: no certificate or CRL is in use yet.' : 'Loading…'}
          minWidth={760}
        />
        <PaneToolbar label="Expiry actions" actions={actions} />
      </Box>
      {renewing && <RenewalWizard start={{ sha256: renewing }} onClose={() => setRenewing(null)} />}
    </FeaturePage>
  );
}
