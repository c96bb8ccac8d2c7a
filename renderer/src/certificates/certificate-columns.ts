/** The list's sortable columns, in display order. */
export type CertificateColumnId = 'subject' | 'issuer' | 'expires' | 'status' | 'store' | 'sha256';

/** A column's header text and width in the CSS grid shared by the header and every row. */
export interface CertificateColumn {
  id: CertificateColumnId;
  label: string;
  width: string;
}

export const CERTIFICATE_COLUMNS: CertificateColumn[] = [
  { id: 'subject', label: 'Subject', width: 'minmax(180px, 2fr)' },
  { id: 'issuer', label: 'Issuer', width: 'minmax(140px, 1.4fr)' },
  { id: 'expires', label: 'Expires', width: '170px' },
  // Empty unless revoked ("Revoked" in the error colour, its date and reason on hover) or renewed ("Replaced", or "Renewing" while its bindings wait; by what and when on hover).
  { id: 'status', label: 'Status', width: '90px' },
  { id: 'store', label: 'Store', width: '140px' },
  { id: 'sha256', label: 'SHA-256', width: '160px' },
];

/** grid-template-columns for header and rows, so they always line up. */
export const CERTIFICATE_GRID_COLUMNS = CERTIFICATE_COLUMNS.map((c) => c.width).join(' ');

/** Narrowest width before the list scrolls sideways instead of squeezing columns. */
export const CERTIFICATE_GRID_MIN_WIDTH = 880;
