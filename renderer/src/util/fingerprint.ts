/** A fingerprint short enough for a list column: the first and last characters, full value on hover. */
export function shortFingerprint(hex: string, keep = 8): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

/** Hex grouped in pairs ("AB:CD:..."), the way Windows and openssl print fingerprints and key ids. */
export function colonHex(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}
