import { useState } from 'react';
import { Box, Button, Chip, MenuItem, TextField } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { REQUEST_SAN_TYPES, type RequestSan } from '../../../shared/models/key';

const SAN_LABELS: Record<RequestSan['type'], string> = { dns: 'DNS name', ip: 'IP address', email: 'Email', upn: 'User principal name', uri: 'URI' };

/** The request's subject alternative names: a type, a value, Add; each shown as a removable chip. */
export function SanEditor({ sans, onChange }: { sans: RequestSan[]; onChange(sans: RequestSan[]): void }) {
  const [type, setType] = useState<RequestSan['type']>('dns');
  const [value, setValue] = useState('');
  const add = () => {
    const trimmed = value.trim();
    if (!trimmed) return;
    if (!sans.some((s) => s.type === type && s.value === trimmed)) onChange([...sans, { type, value: trimmed }]);
    setValue('');
  };
  return (
    <Box role="group" aria-label="Subject alternative names" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <TextField select label="Name type" value={type} onChange={(event) => setType(event.target.value as RequestSan['type'])} sx={{ minWidth: 190 }}>
          {REQUEST_SAN_TYPES.map((t) => (
            <MenuItem key={t} value={t}>
              {SAN_LABELS[t]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="Alternative name"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          sx={{ flex: 1 }}
          placeholder={type === 'dns' ? 'www.example.com' : type === 'ip' ? '192.0.2.10' : type === 'uri' ? 'https://example.com/id' : 'name@example.com'}
        />
        <Button variant="outlined" startIcon={<Add fontSize="small" />} onClick={add} disabled={!value.trim()}>
          Add name
        </Button>
      </Box>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }} aria-label="Names in the request" role="list">
        {sans.map((san) => (
          <Chip role="listitem" key={`${san.type}:${san.value}`} label={`${san.type}:${san.value}`} onDelete={() => onChange(sans.filter((s) => s !== san))} size="small" />
        ))}
      </Box>
    </Box>
  );
}
