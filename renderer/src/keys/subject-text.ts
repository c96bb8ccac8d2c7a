/** The subject fields IIS's Create Certificate Request asks for, in RFC 4514 order (most specific first). */
export interface SubjectFields {
  commonName: string;
  organizationalUnit: string;
  organization: string;
  locality: string;
  state: string;
  country: string;
}

export const EMPTY_SUBJECT: SubjectFields = { commonName: '', organizationalUnit: '', organization: '', locality: '', state: '', country: '' };

const ORDER: [keyof SubjectFields, string][] = [
  ['commonName', 'CN'],
  ['organizationalUnit', 'OU'],
  ['organization', 'O'],
  ['locality', 'L'],
  ['state', 'S'],
  ['country', 'C'],
];

/** RFC 4514 escaping, so "Example, Inc." stays one O. */
export function escapeDnValue(value: string): string {
  let out = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  if (/^[ #]/.test(out)) out = `\\${out}`;
  if (/ $/.test(out)) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** "CN=www.example.com, O=Example\, Inc., C=US" from the filled-in fields (empty ones left out). */
export function subjectText(fields: SubjectFields): string {
  return ORDER.filter(([key]) => fields[key].trim() !== '')
    .map(([key, type]) => `${type}=${escapeDnValue(fields[key].trim())}`)
    .join(', ');
}
