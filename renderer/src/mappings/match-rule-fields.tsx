import { Box, Checkbox, FormControlLabel, IconButton, ListSubheader, MenuItem, TextField, Tooltip } from '@mui/material';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { NAME_SUB_FIELDS } from '../../../shared/models/site';
import { FIELD_KINDS, OID_SUB_FIELD, ruleProblem, SUB_FIELD_LABELS, type FieldKind, type RuleDraft } from './match-fields';

interface Props {
  index: number;
  draft: RuleDraft;
  showProblem: boolean;
  canRemove: boolean;
  onChange(draft: RuleDraft): void;
  onRemove(): void;
}

/** One row of the rules table: field, sub-field (for Subject and Issuer), pattern, case-sensitive. */
export function MatchRuleFields({ index, draft, showProblem, canRemove, onChange, onRemove }: Props) {
  const n = index + 1;
  const isName = draft.kind === 'subject' || draft.kind === 'issuer';
  const problem = showProblem ? ruleProblem(draft) : null;
  const example = FIELD_KINDS.find((k) => k.value === draft.kind)?.example ?? '';
  return (
    <Box role="group" aria-label={`Rule ${n}`} sx={{ display: 'grid', gridTemplateColumns: '170px 230px 1fr auto 40px', gap: 1, alignItems: 'start' }}>
      <TextField select label="Field" value={draft.kind} onChange={(event) => onChange({ ...draft, kind: event.target.value as FieldKind })} slotProps={{ htmlInput: { 'aria-label': `Rule ${n} field` } }}>
        {FIELD_KINDS.map((kind) => (
          <MenuItem key={kind.value} value={kind.value}>
            {kind.label}
          </MenuItem>
        ))}
      </TextField>
      {isName ? (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <TextField select label="Sub-field" value={draft.sub} onChange={(event) => onChange({ ...draft, sub: event.target.value as RuleDraft['sub'] })} slotProps={{ htmlInput: { 'aria-label': `Rule ${n} sub-field` } }}>
            {NAME_SUB_FIELDS.map((sub) => (
              <MenuItem key={sub} value={sub}>
                {SUB_FIELD_LABELS[sub]}
              </MenuItem>
            ))}
            <ListSubheader>Other</ListSubheader>
            <MenuItem value={OID_SUB_FIELD}>Attribute by OID…</MenuItem>
          </TextField>
          {draft.sub === OID_SUB_FIELD && (
            <TextField
              label="Attribute OID"
              value={draft.oid}
              onChange={(event) => onChange({ ...draft, oid: event.target.value })}
              placeholder="2.5.4.12"
              slotProps={{ htmlInput: { 'aria-label': `Rule ${n} attribute OID`, spellCheck: false } }}
            />
          )}
        </Box>
      ) : (
        <Box />
      )}
      <TextField
        label="Pattern"
        value={draft.pattern}
        onChange={(event) => onChange({ ...draft, pattern: event.target.value })}
        placeholder={example}
        error={Boolean(problem)}
        helperText={problem ?? ' '}
        slotProps={{ htmlInput: { 'aria-label': `Rule ${n} pattern`, spellCheck: false } }}
      />
      <FormControlLabel
        sx={{ mt: 0.5, mr: 0 }}
        control={<Checkbox size="small" checked={draft.caseSensitive} onChange={(event) => onChange({ ...draft, caseSensitive: event.target.checked })} slotProps={{ input: { 'aria-label': `Rule ${n} case-sensitive` } }} />}
        label="Case-sensitive"
      />
      <Tooltip title="Remove this rule">
        <span>
          <IconButton aria-label={`Remove rule ${n}`} onClick={onRemove} disabled={!canRemove} sx={{ mt: 0.5 }}>
            <DeleteOutline fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
    </Box>
  );
}
