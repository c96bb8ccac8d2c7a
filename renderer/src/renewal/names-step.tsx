import { Box, TextField, Typography } from '@mui/material';
import { SanEditor } from '../keys/san-editor';
import type { RenewalChoices } from './renewal-choices';

interface Props {
  choices: RenewalChoices;
  /** Why the subject cannot be sent, shown once Next was tried. */
  problem: string | undefined;
  onChange(choices: RenewalChoices): void;
}

/** Step 3: the subject and alternative names, prefilled from the certificate and editable. */
export function NamesStep({ choices, problem, onChange }: Props) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <TextField
        label="Subject"
        value={choices.subject}
        required
        error={Boolean(problem)}
        helperText={problem ?? 'As the store shows names (RFC 4514), e.g. CN=www.example.com, O=Example'}
        onChange={(event) => onChange({ ...choices, subject: event.target.value })}
      />
      <Typography variant="subtitle2" component="h4">
        Subject alternative names
      </Typography>
      <SanEditor sans={choices.subjectAltNames} onChange={(subjectAltNames) => onChange({ ...choices, subjectAltNames })} />
    </Box>
  );
}
