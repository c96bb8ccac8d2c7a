/** Where the wizard is: IIS's Renew Certificate steps, with the install of another authority's reply inside Authority. */
export type WizardStep = 'certificate' | 'key' | 'names' | 'authority' | 'install' | 'bindings' | 'summary';

/** The stepper's labels, in order. */
export const STEP_LABELS = ['Certificate', 'Key', 'Subject and names', 'Authority', 'Verify bindings', 'Summary'] as const;

// Installing the reply belongs to the Authority step: the stepper shows six steps whichever path is taken.
const STEP_INDEX: Record<WizardStep, number> = { certificate: 0, key: 1, names: 2, authority: 3, install: 3, bindings: 4, summary: 5 };

/** The stepper's active index for a step. */
export const stepIndex = (step: WizardStep): number => STEP_INDEX[step];

/** Each step's heading (focused when the step opens, so a screen reader says where the wizard is). */
export const STEP_TITLES: Record<WizardStep, string> = {
  certificate: 'The certificate to renew',
  key: 'Key',
  names: 'Subject and names',
  authority: 'Certification authority',
  install: "Install the authority's reply",
  bindings: 'Verify bindings',
  summary: 'Summary',
};

/**
 * Back goes only as far as nothing was sent: once a request exists or a certificate is installed,
 * going back would make a second one, so the later steps have no Back.
 */
export const PREVIOUS_STEP: Partial<Record<WizardStep, WizardStep>> = { key: 'certificate', names: 'key', authority: 'names' };
