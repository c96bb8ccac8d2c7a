import type { ReactNode } from 'react';
import HttpsOutlined from '@mui/icons-material/HttpsOutlined';
import SwapHorizOutlined from '@mui/icons-material/SwapHorizOutlined';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import PolicyOutlined from '@mui/icons-material/PolicyOutlined';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import type { SiteFeatureId } from '../state/feature-context';

/** A feature page's name, purpose and icon, shared by its tile and its page header. */
export interface SiteFeatureMeta {
  title: string;
  description: string;
  icon: ReactNode;
  /** Features that belong to the whole site, not to one folder (mappings and trust are per site). */
  siteOnly: boolean;
}

/** Every feature page of a site or folder. */
export const SITE_FEATURES: Record<SiteFeatureId, SiteFeatureMeta> = {
  ssl: {
    title: 'SSL Settings',
    description: 'Require TLS, ignore, accept or require client certificates, mapping, anonymous access and revocation checking.',
    icon: <HttpsOutlined />,
    siteOnly: false,
  },
  mappings: {
    title: 'Client Certificate Mappings',
    description: 'One-to-one and many-to-one mappings from client certificates to accounts.',
    icon: <SwapHorizOutlined />,
    siteOnly: true,
  },
  trust: {
    title: 'Trusted Issuers',
    description: 'The certification authorities this site trusts and advertises to browsers.',
    icon: <VerifiedUserOutlined />,
    siteOnly: true,
  },
  authorization: {
    title: 'Authorization Rules',
    description: 'Which accounts and groups may enter once mapped (refusal: 401.3).',
    icon: <PolicyOutlined />,
    siteOnly: false,
  },
  audit: {
    title: 'Audit Log',
    description: 'One record per request the gateway decided: status, account, and the step that failed.',
    icon: <ReceiptLongOutlined />,
    siteOnly: false,
  },
};

/** Tile order, grouped as IIS Manager groups its icons. */
export const SITE_FEATURE_GROUPS: { title: string; features: SiteFeatureId[] }[] = [
  { title: 'Security', features: ['ssl', 'mappings', 'trust', 'authorization'] },
  { title: 'Monitoring', features: ['audit'] },
];
