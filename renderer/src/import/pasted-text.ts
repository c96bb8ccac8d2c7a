/** The name a paste is listed under in the import results. */
export const PASTED_NAME = 'Pasted PEM';

/**
 * Text from the paste dialog, carried through the import flow like a dropped file (batches, retry
 * with a password); its own class so the request can say it was pasted, and refusals say so too.
 */
export class PastedText extends File {
  constructor(text: string) {
    super([text], PASTED_NAME, { type: 'application/x-pem-file' });
  }
}

/** Where an import's file came from, as the `certificates.import` request names it. */
export const sourceOf = (file: File): 'file' | 'paste' => (file instanceof PastedText ? 'paste' : 'file');
