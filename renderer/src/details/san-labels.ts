import type { SubjectAltName } from '../../../shared/ipc';

/** Subject alternative name types as Windows' certificate dialog names them. */
export const SAN_LABELS: Record<SubjectAltName['type'], string> = {
  dns: 'DNS Name',
  ip: 'IP Address',
  email: 'RFC822 Name',
  upn: 'Principal Name (UPN)',
  uri: 'URL',
  dn: 'Directory Address',
  other: 'Other Name',
};
