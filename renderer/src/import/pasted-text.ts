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

/** What an import's files were, for its summary: pasted text only when nothing else was in it. */
export const sourceOfImport = (files: readonly File[]): 'file' | 'paste' => (files.length > 0 && files.every((f) => f instanceof PastedText) ? 'paste' : 'file');
