import { storeOfNode } from '../connections/connection-nodes';
import { useSelectedNode } from '../state/console-context';
import { CertificatesFeature } from './certificates-feature';
import { ServerFeatures } from './server-features';
import { StartPage } from './start-page';

/** The middle pane: whatever the selected connection shows. */
export function FeaturesView() {
  const node = useSelectedNode();
  if (node === 'start') return <StartPage />;
  if (node === 'server') return <ServerFeatures />;
  // Keyed by node so each store keeps no stale search or scroll position from another.
  return <CertificatesFeature key={node} store={storeOfNode(node)} />;
}
