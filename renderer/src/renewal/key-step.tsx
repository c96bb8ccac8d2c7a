import { Box, FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { KEY_ALGORITHM_LABELS, KEY_ALGORITHMS, type KeyAlgorithm } from '../../../shared/models/key';
import type { RenewalPlan } from '../../../shared/models/renewal';
import type { RenewalChoices } from './renewal-choices';

interface Props {
  plan: RenewalPlan;
  choices: RenewalChoices;
  onChange(choices: RenewalChoices): void;
}

/** Step 2: a new key (the default: the old one may have been exposed for years) or the same key. */
export function KeyStep({ plan, choices, onChange }: Props) {
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">The new certificate's key (the current one is {plan.keyAlgorithmName})</FormLabel>
      <RadioGroup name="renewal-key" value={choices.key} onChange={(event) => onChange({ ...choices, key: event.target.value as RenewalChoices['key'] })}>
        <FormControlLabel value="new" control={<Radio />} label="Make a new key (recommended)" />
        <Box sx={{ pl: 4, pb: 1 }}>
          <TextField
            select
            label="Key algorithm"
            value={choices.algorithm}
            disabled={choices.key !== 'new'}
            onChange={(event) => onChange({ ...choices, algorithm: event.target.value as KeyAlgorithm })}
            helperText="A new key limits what an old, possibly exposed, key can still do"
            sx={{ minWidth: 280 }}
          >
            {KEY_ALGORITHMS.map((a) => (
              <MenuItem key={a} value={a}>
                {KEY_ALGORITHM_LABELS[a]}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <FormControlLabel value="same" control={<Radio />} label="Keep the same key" disabled={plan.sameKeyUnavailable !== null} />
        {plan.sameKeyUnavailable && <FormHelperText sx={{ pl: 4, mt: -0.5 }}>{plan.sameKeyUnavailable}</FormHelperText>}
      </RadioGroup>
    </FormControl>
  );
}
