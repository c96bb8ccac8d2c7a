import { Alert, Box, Checkbox, FormControlLabel, FormGroup, Typography } from '@mui/material';
import { bindingText } from '../../../shared/models/binding';
import type { RenewalPlan } from '../../../shared/models/renewal';
import { bindingRowId } from '../bindings/binding-row-id';
import { formatDate } from '../util/dates';
import type { RenewedCertificate } from './renewal-start';

interface Props {
  plan: RenewalPlan;
  renewed: RenewedCertificate;
  /** The row ids (bindingRowId) to move. */
  chosen: ReadonlySet<string>;
  onChosen(chosen: Set<string>): void;
  moveMappings: boolean;
  onMoveMappings(move: boolean): void;
}

/** Step 5: every binding of the old certificate, checked, and the one-to-one mappings, to move to the new one. */
export function BindingsStep({ plan, renewed, chosen, onChosen, moveMappings, onMoveMappings }: Props) {
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChosen(next);
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Alert severity="success" data-testid="renewal-installed">
        The new certificate is installed with its key: serial {renewed.serial}, valid until {formatDate(renewed.notAfter)}.
      </Alert>
      <Box component="section" aria-labelledby="renewal-bindings">
        <Typography id="renewal-bindings" variant="subtitle2" component="h4">
          Bindings that present the old certificate
        </Typography>
        {plan.bindings.length ? (
          <FormGroup aria-labelledby="renewal-bindings">
            {plan.bindings.map((row) => {
              const id = bindingRowId(row);
              return (
                <FormControlLabel
                  key={id}
                  control={<Checkbox checked={chosen.has(id)} onChange={(event) => toggle(id, event.target.checked)} />}
                  label={`${bindingText(row)} of site "${row.siteName}"${row.ownCertificateSha256 ? '' : " (the site's certificate)"}`}
                />
              );
            })}
          </FormGroup>
        ) : (
          <Typography variant="body2" color="text.secondary">
            No binding presents the old certificate.
          </Typography>
        )}
      </Box>
      {plan.mappings.length > 0 && (
        <Box>
          <FormControlLabel control={<Checkbox checked={moveMappings} onChange={(event) => onMoveMappings(event.target.checked)} />} label={`Move the one-to-one mappings (${plan.mappings.length}) to the new certificate`} />
          <Typography variant="body2" color="text.secondary" sx={{ pl: 4 }}>
            {plan.mappings.map((m) => `${m.account} on "${m.siteName}"`).join('; ')}: same account and settings, the new certificate.
          </Typography>
        </Box>
      )}
      <Typography variant="body2" color="text.secondary">
        Rebind moves the checked bindings; the gateway presents the new certificate from the next TLS handshake. An unchecked binding keeps the old certificate until it expires. With nothing checked,
        Finish Without Moving leaves them all on the old certificate and ends the renewal; Close keeps it open, and Finish Renewal… on the old certificate comes back here.
      </Typography>
    </Box>
  );
}
