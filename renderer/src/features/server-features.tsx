import { Box, Typography } from '@mui/material';
import type { StoreName } from '../../../shared/ipc';
import { NodeIcon } from '../connections/node-icon';
import type { ConnectionNodeId } from '../connections/connection-nodes';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { useOpenFeature } from '../state/feature-context';
import { useSitesData } from '../state/sites-data-context';
import { FeatureHeader } from './feature-header';
import { FeatureTile } from './feature-tile';
import { SITE_FEATURES } from './site-feature-meta';

/** Tiles in IIS's order of importance: the server's own certificates first. */
const STORE_TILES: { store: StoreName; title: string }[] = [
  { store: 'server', title: 'Server Certificates' },
  { store: 'client', title: 'Client Certificates' },
  { store: 'root', title: 'Trusted Root CAs' },
  { store: 'intermediate', title: 'Intermediate CAs' },
];

const count = (n: number) => `${n.toLocaleString()} certificate${n === 1 ? '' : 's'}`;

/** The server node's features view: a tile per feature, certificates first, then sites and accounts. */
export function ServerFeatures() {
  const { selectNode } = useConsoleActions();
  const { countsByStore, certificates, info } = useConsoleData();
  const { sites, accounts } = useSitesData();
  const { openFeature } = useOpenFeature();
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
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="keys" />} title="Keys and Requests" detail="Create and complete certificate requests" onOpen={() => open('keys')} />
          </Box>
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="authority" />} title="Certification Authority" detail="Issue, revoke, publish the CRL" onOpen={() => open('authority')} />
          </Box>
        </Box>
        <Typography variant="subtitle2" component="h2" sx={{ mt: 2, mb: 1 }}>
          Sites and accounts
        </Typography>
        <Box role="list" aria-label="Site features" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="sites" />} title="Sites" detail={`${sites.length} site${sites.length === 1 ? '' : 's'}`} onOpen={() => open('sites')} />
          </Box>
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="bindings" />} title="Bindings" detail="Every site's bindings" onOpen={() => open('bindings')} />
          </Box>
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="expiry" />} title="Certificate Expiry" detail="What expires when" onOpen={() => open('expiry')} />
          </Box>
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="accounts" />} title="Accounts" detail={`${accounts.length} account${accounts.length === 1 ? '' : 's'}`} onOpen={() => open('accounts')} />
          </Box>
          <Box role="listitem">
            <FeatureTile icon={<NodeIcon id="whatif" />} title="What-if" detail="Try a certificate on a site" onOpen={() => open('whatif')} />
          </Box>
          <Box role="listitem">
            <FeatureTile icon={SITE_FEATURES.audit.icon} title="Audit Log" detail="Every site's decisions" onOpen={() => openFeature('audit')} />
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
