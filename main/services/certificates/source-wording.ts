// The codec reads bytes and words its refusals for files, the common case, at many throw sites;
// text pasted in the console, or piped to `cert import -`, is reworded here, at the one place that
// knows where the bytes came from.

/** Where an import's bytes came from, when not from a file. */
export type ImportSource = 'paste' | 'stdin';

interface Words {
  /** What stands for "the file": "the pasted text", "standard input". */
  text: string;
  /** What stands for "the PKCS#12 file", with room for "(.pfx/.p12)" after the PKCS#12 when the message has it. */
  pkcs12: (extension: string) => string;
}

const WORDS: Record<ImportSource, Words> = {
  paste: { text: 'the pasted text', pkcs12: (extension) => `the pasted PKCS#12${extension}` },
  stdin: { text: 'standard input', pkcs12: (extension) => `the PKCS#12${extension} on standard input` },
};

/** `word` with the case of the letter it replaces: "The file ..." becomes "The pasted text ...", "Standard input ...". */
const caseOf = (first: string, word: string): string => (first === 'T' ? word.charAt(0).toUpperCase() + word.slice(1) : word);

/** A refusal's message as it reads for bytes that did not come from a file. */
export function inWordsOf(source: ImportSource, message: string): string {
  const { text, pkcs12 } = WORDS[source];
  // Word for word this would say "the pasted text is text".
  const noCertificate = /^The file is text without any PEM block (\("-----BEGIN CERTIFICATE-----"\)) or Base64 certificate: it holds nothing to import\.$/.exec(message);
  if (noCertificate) return `${caseOf('T', text)} holds no PEM block ${noCertificate[1]} and no Base64 certificate: there is nothing to import.`;
  return message
    .replace(/\b([Tt])his PKCS#12( \(\.pfx\/\.p12\)) file\b/g, (_, t: string, extension: string) => caseOf(t, pkcs12(extension)))
    .replace(/\b([Tt])he PKCS#12 file\b/g, (_, t: string) => caseOf(t, pkcs12('')))
    .replace(/\b([Tt])(?:he|his) file\b/g, (_, t: string) => caseOf(t, text));
}
