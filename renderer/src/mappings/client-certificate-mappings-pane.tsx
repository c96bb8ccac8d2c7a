import { useState } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import type { Site } from '../../../shared/models/site';
import { FeaturePage } from '../features/feature-page';
import { SITE_FEATURES } from '../features/site-feature-meta';
import { ManyToOneTab } from './many-to-one-tab';
import { MappingModeBanner } from './mapping-mode-banner';
import { OneToOneTab } from './one-to-one-tab';

type MappingTab = 'one-to-one' | 'many-to-one';

/** The site's Client Certificate Mappings, with IIS 6's two tabs (1-to-1, Many-to-1) under the active-mapper banner. */
export function ClientCertificateMappingsPane({ site, back }: { site: Site; back: { label: string; onBack(): void } }) {
  const [tab, setTab] = useState<MappingTab>('one-to-one');
  return (
    <FeaturePage testId="client-certificate-mappings" icon={SITE_FEATURES.mappings.icon} title="Client Certificate Mappings" description={`Which account a client certificate logs on as at ${site.name}.`} back={back}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <MappingModeBanner site={site} />
        <Tabs value={tab} onChange={(_event, next: MappingTab) => setTab(next)} aria-label="Mapping kinds" sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Tab value="one-to-one" id="tab-one-to-one" aria-controls="panel-one-to-one" label={`One-to-One (${site.oneToOne.length})`} />
          <Tab value="many-to-one" id="tab-many-to-one" aria-controls="panel-many-to-one" label={`Many-to-One (${site.manyToOne.length})`} />
        </Tabs>
        <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'one-to-one' ? <OneToOneTab site={site} /> : <ManyToOneTab site={site} />}
        </Box>
      </Box>
    </FeaturePage>
  );
}
