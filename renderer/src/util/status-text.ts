/** IIS's meaning of each status.substatus the gateway returns (mapping-spec section 6). */
const MEANINGS: Record<string, string> = {
  '200': 'Allowed',
  '401.2': 'No mapping matched and anonymous access is off',
  '401.3': 'The mapped account is not authorized for this path',
  '403.4': 'TLS required',
  '403.7': 'Client certificate required',
  '403.12': 'A mapping denied access',
  '403.13': 'Client certificate revoked (or its revocation status unknown)',
  '403.16': 'Client certificate untrusted or invalid',
  '403.17': 'Client certificate expired or not yet valid',
  '404': 'No such site',
};

/** "403.16", or "200" when there is no substatus. */
export function statusCode(status: number, substatus: number): string {
  return substatus ? `${status}.${substatus}` : String(status);
}

/** What a status means in words, when it is one of IIS's. */
export function statusMeaning(code: string): string | undefined {
  return MEANINGS[code] ?? (code.startsWith('2') ? 'Allowed' : undefined);
}
