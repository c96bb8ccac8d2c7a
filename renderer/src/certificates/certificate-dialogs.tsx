import { useConsoleActions, useSelection } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { RenewalWizard } from '../renewal/renewal-wizard';
import { DeleteCertificateDialog } from './delete-certificate-dialog';
import { MoveCertificateDialog } from './move-certificate-dialog';

/** Whichever dialog the selection asked for (from the actions pane or the list's Delete key). */
export function CertificateDialogs() {
  const { certificateDialog, selectedSha256 } = useSelection();
  const { setCertificateDialog } = useConsoleActions();
  const { bySha256 } = useConsoleData();
  const certificate = selectedSha256 ? bySha256.get(selectedSha256) : undefined;
  if (!certificate || !certificateDialog) return null;
  const close = () => setCertificateDialog(null);
  // Keyed by certificate so a dialog never shows the previous selection's state.
  if (certificateDialog === 'renew') return <RenewalWizard key={certificate.sha256} start={{ sha256: certificate.sha256 }} onClose={close} />;
  return certificateDialog === 'delete' ? (
    <DeleteCertificateDialog key={certificate.sha256} certificate={certificate} onClose={close} />
  ) : (
    <MoveCertificateDialog key={certificate.sha256} certificate={certificate} onClose={close} />
  );
}
