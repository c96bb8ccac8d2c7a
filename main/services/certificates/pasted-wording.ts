// The codec reads bytes and words its refusals for files, the common case, at many throw sites;
// pasted text is reworded here, at the one place that knows where the bytes came from.
const PASTED_WORDING: readonly (readonly [RegExp, string])[] = [
  // Word for word this would say "the pasted text is text".
  [
    /^The file is text without any PEM block (\("-----BEGIN CERTIFICATE-----"\)) or Base64 certificate: it holds nothing to import\.$/,
    'The pasted text holds no PEM block $1 and no Base64 certificate: there is nothing to import.',
  ],
  // A pasted Base64 PKCS#12 is still a PKCS#12; "This"/"The" keep their capital letter (a PEM block's prefix lowers it).
  [/\b([Tt])his PKCS#12 \(\.pfx\/\.p12\) file\b/g, '$1he pasted PKCS#12 (.pfx/.p12)'],
  [/\b([Tt])he PKCS#12 file\b/g, '$1he pasted PKCS#12'],
  [/\b([Tt])(?:he|his) file\b/g, '$1he pasted text'],
];

/** A refusal's message as it reads for text pasted into the console instead of a file. */
export function inPastedWords(message: string): string {
  return PASTED_WORDING.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
