/**
 * Whether a file's first bytes are a DER PKCS#12 PFX (RFC 7292: SEQUENCE { INTEGER 3, ... }), so the
 * What-if pane can offer the password field before the first run. Only a hint: main decodes the file
 * and says PASSWORD_REQUIRED for any other PKCS#12 (a Base64 one, say); a certificate starts
 * SEQUENCE { SEQUENCE, and PKCS#7 SEQUENCE { OBJECT IDENTIFIER, so neither looks like this.
 */
export function looksLikePkcs12(head: Uint8Array): boolean {
  if (head[0] !== 0x30 || head.length < 5) return false;
  const first = head[1] ?? 0;
  // Definite length, short or long form (up to 4 length bytes), or BER's indefinite 0x80.
  const lengthBytes = first < 0x80 || first === 0x80 ? 0 : first & 0x7f;
  if (lengthBytes > 4) return false;
  const at = 2 + lengthBytes;
  return head[at] === 0x02 && head[at + 1] === 0x01 && head[at + 2] === 0x03;
}

/** The file's first bytes, tested with looksLikePkcs12. */
export async function fileLooksLikePkcs12(file: Blob): Promise<boolean> {
  return looksLikePkcs12(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
}
