import { describe, expect, it } from 'vitest';
import { PASTED_NAME, PastedText, sourceOf } from '../../../renderer/src/import/pasted-text';

describe('the paste dialog\'s text in the import flow', () => {
  it('is told from a dropped file of the same name in the import request', () => {
    const pasted = new PastedText('-----BEGIN CERTIFICATE-----');
    expect([pasted.name, sourceOf(pasted)]).toEqual([PASTED_NAME, 'paste']);
    expect(sourceOf(new File(['-----BEGIN CERTIFICATE-----'], PASTED_NAME))).toBe('file');
  });
});
