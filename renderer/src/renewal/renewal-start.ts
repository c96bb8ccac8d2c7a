import type { RenewResult } from '../../../shared/models/renewal';

/** How the wizard opens: the certificate to renew and, when the reply is already installed, the new certificate. */
export interface RenewalStart {
  sha256: string;
  /** The renewal's new certificate, installed by Complete Certificate Request: the wizard starts at Verify bindings. */
  installedSha256?: string;
}

/** The certificate a renewal produced, as the Verify bindings and Summary steps show it. */
export type RenewedCertificate = Extract<RenewResult, { stage: 'installed' }>['certificate'];
