import { memo } from 'react';
import { styled } from '@mui/material';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';
import { STORE_LABELS, type CertificateListItem } from '../../../shared/ipc';
import { commonName } from '../util/distinguished-name';
import { shortFingerprint } from '../util/fingerprint';
import { STORE_SHORT_LABELS } from '../util/store-labels';
import { CERTIFICATE_GRID_COLUMNS } from './certificate-columns';
import { ExpiryText } from './expiry-text';
import { renewalNote } from '../renewal/renewal-status';
import { revocationNote } from './revocation-note';

/** Row height in pixels: fixed, so the virtualizer needs no measuring and 50,000 rows scroll smoothly. */
export const CERTIFICATE_ROW_HEIGHT = 32;

/** DOM id of a row, for the grid's aria-activedescendant. */
export const rowId = (sha256: string) => `certificate-row-${sha256}`;

// One static stylesheet for every row; only the position changes per row, as an inline transform.
// (A per-row `sx` would make Emotion serialise styles, and mint a class per scroll offset, on every frame.)
const RowRoot = styled('div')(({ theme }) => ({
  position: 'absolute',
  top: 0,
  left: 0,
  width: '100%',
  height: CERTIFICATE_ROW_HEIGHT,
  display: 'grid',
  gridTemplateColumns: CERTIFICATE_GRID_COLUMNS,
  alignItems: 'center',
  cursor: 'default',
  userSelect: 'none',
  borderBottom: `1px solid ${theme.palette.divider}`,
  '&:hover': { backgroundColor: theme.palette.action.hover },
  '&[aria-selected="true"]': { backgroundColor: theme.palette.action.selected },
  '& > div': { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  '& .subject': { display: 'flex', alignItems: 'center', gap: 6 },
  '& .subject > span': { overflow: 'hidden', textOverflow: 'ellipsis' },
  '& .key': { fontSize: 14, flex: 'none', width: 14, color: theme.palette.primary.main },
  '& .fingerprint': { fontFamily: 'monospace', fontSize: 12 },
  '& .revoked': { color: theme.palette.error.main, fontWeight: 600 },
  '& .renewed': { color: theme.palette.text.secondary },
  '& .renewing': { color: theme.palette.warning.main },
}));

interface Props {
  item: CertificateListItem;
  /** The certificate that replaced it (item.renewal), named in the status's tooltip. */
  successor: CertificateListItem | undefined;
  index: number;
  top: number;
  selected: boolean;
  onSelect(sha256: string): void;
  onOpen(sha256: string): void;
}

/** One certificate in the list; memoised so scrolling renders only rows that enter the window. */
export const CertificateRow = memo(function CertificateRow({ item, successor, index, top, selected, onSelect, onOpen }: Props) {
  return (
    <RowRoot
      role="row"
      id={rowId(item.sha256)}
      data-sha256={item.sha256}
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(item.sha256)}
      onDoubleClick={() => onOpen(item.sha256)}
    >
      <div role="gridcell" className="subject" title={item.subject}>
        {item.hasPrivateKey ? <VpnKeyOutlined className="key" aria-label="has a private key" /> : <i className="key" />}
        <span>{item.displayName}</span>
      </div>
      <div role="gridcell" title={item.issuer}>
        {commonName(item.issuer)}
      </div>
      <div role="gridcell">
        <ExpiryText notAfter={item.notAfter} />
      </div>
      <div role="gridcell" data-testid="certificate-status">
        {item.revoked ? (
          <span className="revoked" title={revocationNote(item.revoked)}>
            Revoked
          </span>
        ) : (
          item.renewal && (
            // Replaced by a finished renewal; one whose bindings still wait is in the warning colour: something to do.
            <span className={item.renewal.finishedAt ? 'renewed' : 'renewing'} title={renewalNote({ ...item, renewal: item.renewal }, successor)}>
              {item.renewal.finishedAt ? 'Replaced' : 'Renewing'}
            </span>
          )
        )}
      </div>
      <div role="gridcell" title={STORE_LABELS[item.store]}>
        {STORE_SHORT_LABELS[item.store]}
      </div>
      <div role="gridcell" className="fingerprint" title={`SHA-256 ${item.sha256}`}>
        {shortFingerprint(item.sha256)}
      </div>
    </RowRoot>
  );
});
