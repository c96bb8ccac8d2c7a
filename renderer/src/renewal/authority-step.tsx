import { FormControl, FormControlLabel, FormHelperText, FormLabel, Radio, RadioGroup } from '@mui/material';
import type { RenewalPlan } from '../../../shared/models/renewal';
import type { RenewalChoices } from './renewal-choices';

interface Props {
  plan: RenewalPlan;
  choices: RenewalChoices;
  onChange(choices: RenewalChoices): void;
}

/** Step 4: who signs: the local authority now, or another authority from a saved request. */
export function AuthorityStep({ plan, choices, onChange }: Props) {
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">Who signs the new certificate</FormLabel>
      <RadioGroup name="renewal-via" value={choices.via} onChange={(event) => onChange({ ...choices, via: event.target.value as RenewalChoices['via'] })}>
        <FormControlLabel value="local" control={<Radio />} label="Send to the local authority" disabled={plan.localAuthorityUnavailable !== null} />
        <FormHelperText sx={{ pl: 4, mt: -0.5, mb: 1 }}>
          {plan.localAuthorityUnavailable ?? `Next signs it with the ${plan.profile} profile and installs it with its key.`}
        </FormHelperText>
        <FormControlLabel value="request" control={<Radio />} label="Save a request for another authority" />
        <FormHelperText sx={{ pl: 4, mt: -0.5 }}>Next makes a PKCS#10 request to send to your authority; install its reply now or later.</FormHelperText>
      </RadioGroup>
    </FormControl>
  );
}
