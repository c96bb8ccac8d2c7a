import { Box } from '@mui/material';
import { STORE_LABELS, type StoreName } from '../../../shared/ipc';
import { CertificateList } from '../certificates/certificate-list';
import { NodeIcon } from '../connections/node-icon';
import { CertificateDetailsPanel } from '../details/certificate-details-panel';
import { useSelection } from '../state/console-context';
import { FeatureHeader } from './feature-header';

const DESCRIPTIONS: Record<StoreName, string> = {
  root: 'Certification authorities trusted as the top of a chain.',
  intermediate: 'Issuing CAs that link client and server certificates to a trusted root.',
  client: 'Certificates that users and devices present; mappings will link them to accounts.',
  server: 'Certificates with private keys that sites present to browsers.',
};

/** A store's (or every store's) certificate list, with the details panel beside it when open. */
export function CertificatesFeature({ store }: { store?: StoreName }) {
  const { detailsSha256 } = useSelection();
  const title = store ? STORE_LABELS[store] : 'Certificates';
  return (
    <Box sx={{ display: 'flex', flex: 1, minHeight: 0, minWidth: 0 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0 }}>
        <FeatureHeader
          icon={<NodeIcon id={store ? `store:${store}` : 'certificates'} />}
          title={title}
          description={store ? DESCRIPTIONS[store] : 'Every certificate in every store. Double-click or press Enter for details.'}
        />
        <CertificateList store={store} label={title} />
      </Box>
      {detailsSha256 && (
        <Box sx={{ width: '42%', minWidth: 380, maxWidth: 640, borderLeft: 1, borderColor: 'divider', minHeight: 0 }}>
          <CertificateDetailsPanel sha256={detailsSha256} />
        </Box>
      )}
    </Box>
  );
}
