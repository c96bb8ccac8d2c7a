/** The CN of a distinguished name string such as "CN=Test Root CA, O=Example, C=US", else the whole string. */
export function commonName(dn: string): string {
  const match = dn.match(/(?:^|[,/]\s*)CN=((?:\\.|[^,])+)/i);
  return match?.[1]?.trim() ?? dn;
}
