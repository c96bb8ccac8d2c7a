import { Box, IconButton, MenuItem, TextField, Tooltip } from '@mui/material';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { bindingProblems, type BindingDraft } from './binding-draft';

interface Props {
  index: number;
  draft: BindingDraft;
  showProblems: boolean;
  canRemove: boolean;
  onChange(draft: BindingDraft): void;
  onRemove(): void;
}

/** One binding of the Add Site dialog: type, IP address, port and (https) host name, as IIS's "Add Site Binding". */
export function BindingFields({ index, draft, showProblems, canRemove, onChange, onRemove }: Props) {
  const problems = showProblems ? bindingProblems(draft) : {};
  const n = index + 1;
  return (
    <Box role="group" aria-label={`Binding ${n}`} sx={{ display: 'grid', gridTemplateColumns: '100px 1fr 100px 1.3fr 40px', gap: 1, alignItems: 'start' }}>
      <TextField
        select
        label="Type"
        value={draft.protocol}
        onChange={(event) => {
          const protocol = event.target.value as BindingDraft['protocol'];
          // The usual port follows the type unless the user typed another one.
          const port = draft.port === '443' && protocol === 'http' ? '80' : draft.port === '80' && protocol === 'https' ? '443' : draft.port;
          onChange({ ...draft, protocol, port });
        }}
        slotProps={{ htmlInput: { 'aria-label': `Binding ${n} type` } }}
      >
        <MenuItem value="https">https</MenuItem>
        <MenuItem value="http">http</MenuItem>
      </TextField>
      <TextField
        label="IP address"
        value={draft.address}
        onChange={(event) => onChange({ ...draft, address: event.target.value })}
        error={Boolean(problems.address)}
        helperText={problems.address ?? (draft.address.trim() === '*' ? 'All addresses' : ' ')}
        slotProps={{ htmlInput: { 'aria-label': `Binding ${n} IP address`, spellCheck: false } }}
      />
      <TextField
        label="Port"
        value={draft.port}
        onChange={(event) => onChange({ ...draft, port: event.target.value })}
        error={Boolean(problems.port)}
        helperText={problems.port ?? ' '}
        slotProps={{ htmlInput: { 'aria-label': `Binding ${n} port`, inputMode: 'numeric' } }}
      />
      <TextField
        label="Host name"
        value={draft.protocol === 'https' ? draft.host : ''}
        disabled={draft.protocol !== 'https'}
        onChange={(event) => onChange({ ...draft, host: event.target.value })}
        error={Boolean(problems.host)}
        helperText={problems.host ?? (draft.protocol === 'https' ? 'Optional; matched by SNI' : 'https only')}
        slotProps={{ htmlInput: { 'aria-label': `Binding ${n} host name`, spellCheck: false } }}
      />
      <Tooltip title="Remove this binding">
        <span>
          <IconButton aria-label={`Remove binding ${n}`} onClick={onRemove} disabled={!canRemove} sx={{ mt: 0.5 }}>
            <DeleteOutline fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
    </Box>
  );
}
