import { Box, Button, LinearProgress, Typography } from '@mui/material';
import { AuditLogPane } from '../audit/audit-log-pane';
import { AuthorizationRulesPane } from '../authorization/authorization-rules-pane';
import { ClientCertificateMappingsPane } from '../mappings/client-certificate-mappings-pane';
import { SslSettingsPane } from '../ssl/ssl-settings-pane';
import { TrustedIssuersPane } from '../trust/trusted-issuers-pane';
import { useConsoleActions } from '../state/console-context';
import { useOpenFeature } from '../state/feature-context';
import { useSitesData } from '../state/sites-data-context';
import { SiteHome } from './site-home';

/** A site or folder node: its features view, or the feature page opened from it (IIS's Home and back). */
export function SiteNodeView({ siteId, path }: { siteId: string; path: string | null }) {
  const { siteById, loaded } = useSitesData();
  const { selectNode } = useConsoleActions();
  const { feature, openFeature } = useOpenFeature();
  const site = siteById.get(siteId);
  if (!site) {
    if (!loaded) return <LinearProgress aria-label="Loading sites" />;
    return (
      <Box sx={{ p: 3 }}>
        <Typography sx={{ mb: 1 }}>This site no longer exists (it was removed, perhaps from the command line).</Typography>
        <Button variant="outlined" onClick={() => selectNode('sites')}>
          Show all sites
        </Button>
      </Box>
    );
  }
  const back = { label: `${path ?? site.name} Home`, onBack: () => openFeature(null) };
  switch (feature) {
    case null:
      return <SiteHome site={site} path={path} onOpen={openFeature} />;
    case 'ssl':
      return <SslSettingsPane key={`${site.id}${path ?? ''}`} site={site} path={path} back={back} />;
    case 'mappings':
      return <ClientCertificateMappingsPane site={site} back={back} />;
    case 'trust':
      return <TrustedIssuersPane site={site} back={back} />;
    case 'authorization':
      return <AuthorizationRulesPane site={site} path={path} back={back} />;
    case 'audit':
      return <AuditLogPane siteName={site.name} path={path} back={back} />;
  }
}
