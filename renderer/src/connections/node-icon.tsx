import HomeOutlined from '@mui/icons-material/HomeOutlined';
import ComputerOutlined from '@mui/icons-material/ComputerOutlined';
import WorkspacePremiumOutlined from '@mui/icons-material/WorkspacePremiumOutlined';
import GppGoodOutlined from '@mui/icons-material/GppGoodOutlined';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import BadgeOutlined from '@mui/icons-material/BadgeOutlined';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import LanguageOutlined from '@mui/icons-material/LanguageOutlined';
import PublicOutlined from '@mui/icons-material/PublicOutlined';
import FolderOutlined from '@mui/icons-material/FolderOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import ScienceOutlined from '@mui/icons-material/ScienceOutlined';
import LinkOutlined from '@mui/icons-material/LinkOutlined';
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import type { SvgIconProps } from '@mui/material';
import { kindOfNode, storeOfNode, type ConnectionNodeId, type ConnectionNodeKind } from './connection-nodes';
import type { StoreName } from '../../../shared/ipc';

const STORE_ICONS: Record<StoreName, typeof HomeOutlined> = {
  root: GppGoodOutlined,
  intermediate: AccountTreeOutlined,
  client: BadgeOutlined,
  server: DnsOutlined,
};

const KIND_ICONS: Record<Exclude<ConnectionNodeKind, 'store'>, typeof HomeOutlined> = {
  start: HomeOutlined,
  server: ComputerOutlined,
  certificates: WorkspacePremiumOutlined,
  keys: VpnKeyOutlined,
  sites: LanguageOutlined,
  site: PublicOutlined,
  folder: FolderOutlined,
  accounts: PeopleOutlined,
  whatif: ScienceOutlined,
  bindings: LinkOutlined,
  expiry: EventBusyOutlined,
  authority: VerifiedUserOutlined,
};

/** The icon of a tree node (also used by the features pane's tiles and titles). */
export function NodeIcon({ id, ...props }: { id: ConnectionNodeId } & SvgIconProps) {
  const store = storeOfNode(id);
  const kind = kindOfNode(id);
  const Icon = store ? STORE_ICONS[store] : KIND_ICONS[kind === 'store' ? 'certificates' : kind];
  return <Icon fontSize="small" {...props} />;
}
