import { Box, Typography } from '@mui/material';
import type { Site } from '../../../shared/models/site';
import { folderNodeId, siteNodeId } from '../connections/connection-nodes';
import { NodeIcon } from '../connections/node-icon';
import { describeBinding } from '../sites/describe-binding';
import { effectiveAuthorization, effectiveSecurity } from '../ssl/effective-security';
import type { SiteFeatureId } from '../state/feature-context';
import { FeatureHeader } from './feature-header';
import { FeatureTile } from './feature-tile';
import { SITE_FEATURE_GROUPS, SITE_FEATURES } from './site-feature-meta';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line state a tile shows under its name, so the features view alone tells how the site is set. */
function tileDetail(feature: SiteFeatureId, site: Site, path: string | null): string {
  switch (feature) {
    case 'ssl': {
      const { security } = effectiveSecurity(site, path);
      return `Client certificates: ${security.clientCertificates}`;
    }
    case 'mappings':
      return site.mappingMode === 'directory' ? 'Directory mapper active' : `${site.oneToOne.length} one-to-one, ${site.manyToOne.length} many-to-one`;
    case 'trust':
      return plural(site.trustedIssuers.length, 'trusted issuer');
    case 'authorization': {
      const { rules, from } = effectiveAuthorization(site, path);
      if (!rules.length) return 'Allow all users';
      return path && from !== path ? `Inherited from ${from}` : plural(rules.length, 'rule');
    }
    case 'audit':
      return 'Decisions, newest first';
  }
}

/** A site's (or folder's) features view: IIS's "Home" page of icons, grouped, each opening its page. */
export function SiteHome({ site, path, onOpen }: { site: Site; path: string | null; onOpen(feature: SiteFeatureId): void }) {
  const title = path ? `${path} Home` : `${site.name} Home`;
  const description = path
    ? `Folder of ${site.name}: every setting not changed here is inherited.`
    : `${site.bindings.map(describeBinding).join(', ')} · ${site.content.kind === 'static' ? site.content.directory : `proxy to ${site.content.url}`}`;
  return (
    <Box data-testid="site-home" sx={{ overflow: 'auto', flex: 1 }}>
      <FeatureHeader icon={<NodeIcon id={path ? folderNodeId(site.id, path) : siteNodeId(site.id)} />} title={title} description={description} />
      <Box sx={{ px: 2, pb: 2 }}>
        {SITE_FEATURE_GROUPS.map((group) => {
          const features = group.features.filter((f) => !path || !SITE_FEATURES[f].siteOnly);
          if (!features.length) return null;
          return (
            <Box key={group.title}>
              <Typography variant="subtitle2" component="h2" sx={{ mt: 1, mb: 1 }}>
                {group.title}
              </Typography>
              <Box role="list" aria-label={`${group.title} features`} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
                {features.map((feature) => (
                  <Box role="listitem" key={feature}>
                    <FeatureTile icon={SITE_FEATURES[feature].icon} title={SITE_FEATURES[feature].title} detail={tileDetail(feature, site, path)} onOpen={() => onOpen(feature)} />
                  </Box>
                ))}
              </Box>
            </Box>
          );
        })}
        {path && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            Client certificate mappings and trusted issuers belong to the whole site: open them on {site.name}.
          </Typography>
        )}
      </Box>
    </Box>
  );
}
