import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, DialogActions, DialogContent, Step, StepLabel, Stepper, Typography } from '@mui/material';
import type { PendingRequest } from '../../../shared/models/key';
import type { RebindResult, RenewalPlan } from '../../../shared/models/renewal';
import { invoke } from '../api';
import { bindingRowId, keyOfRow } from '../bindings/binding-row-id';
import { useConsoleActions } from '../state/console-context';
import type { Submit } from '../util/use-submit';
import { AuthorityStep } from './authority-step';
import { BindingsStep } from './bindings-step';
import { CertificateStep } from './certificate-step';
import { fetchRenewed } from './fetch-renewed';
import { InstallReplyStep, type ReplyFile } from './install-reply-step';
import { KeyStep } from './key-step';
import { NamesStep } from './names-step';
import { initialChoices, renewInputOf } from './renewal-choices';
import type { RenewedCertificate } from './renewal-start';
import { PREVIOUS_STEP, STEP_LABELS, STEP_TITLES, stepIndex, type WizardStep } from './renewal-steps';
import { SummaryStep } from './summary-step';

interface Props {
  plan: RenewalPlan;
  /** Already installed (Complete Certificate Request did it): start at Verify bindings. */
  installed: RenewedCertificate | null;
  submit: Submit;
  onClose(): void;
}

/** The new certificate to rebind to: the one just installed, else that of a renewal closed at Verify bindings before. */
function installedOf(plan: RenewalPlan, installed: RenewedCertificate | null): RenewedCertificate | null {
  return installed ?? (plan.renewedBy && !plan.renewedBy.finishedAt ? plan.renewedBy.certificate : null);
}

/** Where a wizard opened on this plan starts: rebinding an installed certificate, installing a pending reply, or from the top. */
function initialStep(plan: RenewalPlan, installed: RenewedCertificate | null): WizardStep {
  if (installed) return 'bindings';
  if (plan.pendingRequest) return 'install';
  return 'certificate';
}

const PRIMARY_LABELS: Partial<Record<WizardStep, string>> = { install: 'Install', bindings: 'Rebind', summary: 'Finish' };

/** Verify bindings with nothing checked: the administrator's explicit "leave them on the old certificate", which also ends the renewal. */
const LEAVE_LABEL = 'Finish Without Moving';

/** Steps where closing keeps what was done (so the button says Close), and what then stays. */
const CLOSE_TITLES: Partial<Record<WizardStep, string>> = {
  install: 'The request stays pending: Continue Renewal… installs its reply later',
  bindings: 'The new certificate stays installed and the bindings keep presenting the old one: Finish Renewal… on the old certificate comes back here',
};

/** The wizard's steps, Back/Next and the calls behind them, inside RenewalWizard's dialog. */
export function RenewalFlow({ plan, installed, submit, onClose }: Props) {
  const { report } = useConsoleActions();
  const [step, setStep] = useState<WizardStep>(() => initialStep(plan, installedOf(plan, installed)));
  const [choices, setChoices] = useState(() => initialChoices(plan));
  const [tried, setTried] = useState(false);
  const [request, setRequest] = useState<PendingRequest | null>(plan.pendingRequest);
  const [reply, setReply] = useState<ReplyFile | null>(null);
  const [renewed, setRenewed] = useState<RenewedCertificate | null>(() => installedOf(plan, installed));
  // Every binding checked by default: a renewal that leaves one on the old certificate is the exception.
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(plan.bindings.map(bindingRowId)));
  const [moveMappings, setMoveMappings] = useState(true);
  const [result, setResult] = useState<RebindResult | null>(null);
  const movesNothing = chosen.size === 0 && !(moveMappings && plan.mappings.length > 0) && plan.bindings.length + plan.mappings.length > 0;
  const heading = useRef<HTMLHeadingElement>(null);
  const subjectProblem = choices.subject.trim() ? undefined : 'The new certificate needs a subject, e.g. CN=www.example.com';

  // The new step's heading takes the focus, so keyboard and screen reader users start at its top.
  useEffect(() => heading.current?.focus(), [step]);

  const go = (next: WizardStep) => {
    submit.setError(null);
    setStep(next);
  };

  const renew = () =>
    submit.run(async () => {
      const outcome = await invoke('renewal.renew', renewInputOf(plan, choices));
      if (outcome.stage === 'pending') {
        setRequest(outcome.request);
        report(`Created the renewal request for ${outcome.request.subject}; it waits as pending`, 'success');
        go('install');
      } else {
        setRenewed(outcome.certificate);
        report(`The local authority issued ${outcome.certificate.subject} (serial ${outcome.certificate.serial})`, 'success');
        go('bindings');
      }
    });

  const install = () =>
    submit.run(async () => {
      if (!request || !reply) return;
      // requestId: only this renewal's request may be completed, whatever else is pending.
      const done = await invoke('keys.install', { contentBase64: reply.contentBase64, fileName: reply.name, requestId: request.id });
      setRenewed(await fetchRenewed(done.certificate.sha256));
      report(`Installed the authority's reply for ${done.certificate.subject} with its key`, 'success');
      go('bindings');
    });

  const rebind = () =>
    submit.run(async () => {
      if (!renewed) return;
      const bindings = plan.bindings.filter((row) => chosen.has(bindingRowId(row))).map((row) => ({ siteId: row.siteId, ...keyOfRow(row) }));
      const outcome = await invoke('renewal.rebind', { from: plan.sha256, to: renewed.sha256, bindings, moveMappings });
      setResult(outcome);
      report(`Renewed ${plan.displayName}: ${outcome.rebound.length} binding(s) and ${outcome.mappingsMoved.length} mapping(s) moved to the new certificate`, 'success');
      go('summary');
    });

  const next = () => {
    switch (step) {
      case 'certificate':
        return go('key');
      case 'key':
        return go('names');
      case 'names':
        setTried(true);
        if (!subjectProblem) go('authority');
        return;
      case 'authority':
        return void renew();
      case 'install':
        return void install();
      case 'bindings':
        return void rebind();
      case 'summary':
        return onClose();
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // React bubbles a submit through portals: the Export dialog's own form must not move the wizard.
    if (event.target === event.currentTarget) next();
  };

  const previous = PREVIOUS_STEP[step];
  const index = stepIndex(step);
  return (
    <>
      <DialogContent dividers>
        <Stepper activeStep={index} alternativeLabel sx={{ mb: 3 }} aria-label="Renewal steps">
          {STEP_LABELS.map((label) => (
            <Step key={label}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <Box component="form" id="renewal-form" noValidate onSubmit={onSubmit} data-step={step} data-testid="renewal-step" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography ref={heading} tabIndex={-1} variant="subtitle1" component="h3" sx={{ fontWeight: 600, outline: 'none' }}>
            Step {index + 1} of {STEP_LABELS.length}: {STEP_TITLES[step]}
          </Typography>
          {step === 'certificate' && <CertificateStep plan={plan} />}
          {step === 'key' && <KeyStep plan={plan} choices={choices} onChange={setChoices} />}
          {step === 'names' && <NamesStep choices={choices} problem={tried ? subjectProblem : undefined} onChange={setChoices} />}
          {step === 'authority' && <AuthorityStep plan={plan} choices={choices} onChange={setChoices} />}
          {step === 'install' && request && (
            <InstallReplyStep
              request={request}
              reply={reply}
              onReply={(file) => {
                setReply(file);
                submit.setError(null);
              }}
            />
          )}
          {step === 'bindings' && renewed && <BindingsStep plan={plan} renewed={renewed} chosen={chosen} onChosen={setChosen} moveMappings={moveMappings} onMoveMappings={setMoveMappings} />}
          {step === 'summary' && renewed && result && <SummaryStep plan={plan} renewed={renewed} result={result} />}
          {submit.error && (
            <Alert severity="error" data-testid="renewal-error">
              {submit.error}
            </Alert>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        {step !== 'summary' && (
          <Button onClick={onClose} disabled={submit.busy} title={CLOSE_TITLES[step]}>
            {CLOSE_TITLES[step] ? 'Close' : 'Cancel'}
          </Button>
        )}
        <Button onClick={() => previous && go(previous)} disabled={!previous || submit.busy}>
          Back
        </Button>
        <Button type="submit" form="renewal-form" variant="contained" disabled={submit.busy || (step === 'install' && !reply)}>
          {step === 'bindings' && movesNothing ? LEAVE_LABEL : (PRIMARY_LABELS[step] ?? 'Next')}
        </Button>
      </DialogActions>
    </>
  );
}
