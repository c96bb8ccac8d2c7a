import { Box, Typography } from '@mui/material';
import type { StoreName } from '../../../shared/ipc';
import { NodeIcon } from '../connections/node-icon';
import type { ConnectionNodeId } from '../connections/connection-nodes';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { FeatureHeader } from './feature-header';
import { FeatureTile } from './feature-tile';

/** Tiles in IIS's order of importance: the server's own certificates first. */
const STORE_TILES: { store: StoreName; title: string }[] = [
  { store: 'server', title: 'Server Certificates' },
  { store: 'client', title: 'Client Certificates' },
  { store: 'root', title: 'Trusted Root CAs' },
  { store: 'intermediate', title: 'Intermediate CAs' },
];

const count = (n: number) => `${n.toLocaleString()} certificate${n === 1 ? '' : 's'}`;

/** The server node's features view: a tile per feature (Sites will join in the next issue). */
export function ServerFeatures() {
  const { selectNode } = useConsoleActions();
  const { countsByStore, certificates, info } = useConsoleData();
  const open = (id: ConnectionNodeId) => selectNode(id);
  return (
    <Box sx={{ overflow: 'auto', flex: 1 }}>
      <FeatureHeader icon={<NodeIcon id="server" />} title="This computer" description={info ? `Data folder ${info.dataDir}` : 'Loading…'} />
      <Box sx={{ px: 2, pb: 2 }}>
        <Typography variant="subtitle2" component="h2" sx={{ mt: 1, mb: 1 }}>
          Security
        </Typography>
        <Box role="list" aria-label="Features" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
          {STORE_TILES.map(({ store, title }) => (
            <Box role="listitem" key={store}>
              <FeatureTile icon={<NodeIcon id={`store:${store}`} />} title={title} detail={count(countsByStore[store])} onOpen={() => open(`store:${store}`)} />
            </Box>
          ))}
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="certificates" />} title="All Certificates" detail={count(certificates.length)} onOpen={() => open('certificates')} />
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
