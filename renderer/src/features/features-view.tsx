import { AccountsPane } from '../accounts/accounts-pane';
import { AuditLogPane } from '../audit/audit-log-pane';
import { siteOfNode, storeOfNode } from '../connections/connection-nodes';
import { SitesFeature } from '../sites/sites-feature';
import { useSelectedNode } from '../state/console-context';
import { useOpenFeature } from '../state/feature-context';
import { WhatIfPane } from '../whatif/whatif-pane';
import { BindingsPane } from '../bindings/bindings-pane';
import { ExpiryPane } from '../expiry/expiry-pane';
import { KeysPane } from '../keys/keys-pane';
import { AuthorityPane } from '../authority/authority-pane';
import { CertificatesFeature } from './certificates-feature';
import { ServerFeatures } from './server-features';
import { SiteNodeView } from './site-node-view';
import { StartPage } from './start-page';

/** The middle pane: whatever the selected connection shows. */
export function FeaturesView() {
  const node = useSelectedNode();
  const { feature, openFeature } = useOpenFeature();
  if (node === 'start') return <StartPage />;
  // The server's audit log covers every site; it opens from the server's features view.
  if (node === 'server') return feature === 'audit' ? <AuditLogPane back={{ label: 'This computer Home', onBack: () => openFeature(null) }} /> : <ServerFeatures />;
  if (node === 'sites') return <SitesFeature />;
  if (node === 'accounts') return <AccountsPane />;
  if (node === 'keys') return <KeysPane />;
  if (node === 'whatif') return <WhatIfPane />;
  if (node === 'bindings') return <BindingsPane />;
  if (node === 'expiry') return <ExpiryPane />;
  if (node === 'authority') return <AuthorityPane />;
  const site = siteOfNode(node);
  // Keyed by node so a page keeps no selection or draft from another site or folder.
  if (site) return <SiteNodeView key={node} siteId={site.siteId} path={site.path} />;
  return <CertificatesFeature key={node} store={storeOfNode(node)} />;
}
