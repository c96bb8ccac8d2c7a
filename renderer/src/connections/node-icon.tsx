import HomeOutlined from '@mui/icons-material/HomeOutlined';
import ComputerOutlined from '@mui/icons-material/ComputerOutlined';
import WorkspacePremiumOutlined from '@mui/icons-material/WorkspacePremiumOutlined';
import GppGoodOutlined from '@mui/icons-material/GppGoodOutlined';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import BadgeOutlined from '@mui/icons-material/BadgeOutlined';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import type { SvgIconProps } from '@mui/material';
import { storeOfNode, type ConnectionNodeId } from './connection-nodes';
import type { StoreName } from '../../../shared/ipc';

const STORE_ICONS: Record<StoreName, typeof HomeOutlined> = {
  root: GppGoodOutlined,
  intermediate: AccountTreeOutlined,
  client: BadgeOutlined,
  server: DnsOutlined,
};

/** The icon of a tree node (also used by the features pane's tiles and titles). */
export function NodeIcon({ id, ...props }: { id: ConnectionNodeId } & SvgIconProps) {
  const store = storeOfNode(id);
  const Icon = store ? STORE_ICONS[store] : id === 'start' ? HomeOutlined : id === 'server' ? ComputerOutlined : WorkspacePremiumOutlined;
  return <Icon fontSize="small" {...props} />;
}
