import { Checkbox, FormControlLabel } from '@mui/material';
import type { Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { useReportedCall } from './use-reported-call';

const LABELS = { oneToOneEnabled: 'one-to-one', manyToOneEnabled: 'many-to-one' } as const;

/** "Enable one-to-one mapping" / "Enable many-to-one mapping": a whole collection on or off, as in IIS. */
export function CollectionToggle({ site, collection }: { site: Site; collection: keyof typeof LABELS }) {
  const call = useReportedCall();
  const label = LABELS[collection];
  return (
    <FormControlLabel
      control={
        <Checkbox
          checked={site[collection]}
          onChange={(event) => {
            const enabled = event.target.checked;
            void call(`${label[0]!.toUpperCase()}${label.slice(1)} mapping ${enabled ? 'enabled' : 'disabled'} on ${site.name}`, () => invoke('sites.setOptions', { site: site.id, [collection]: enabled }));
          }}
        />
      }
      label={`Enable ${label} mapping`}
    />
  );
}
