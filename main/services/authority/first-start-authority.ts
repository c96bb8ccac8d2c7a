import type { AuthorityService } from './authority-service';

/**
 * First start (architecture.md): a local certificate authority with the defaults, so a new user can
 * issue a client certificate, map it and try it with curl within minutes. Returns what to tell the
 * administrator, or null when the data folder already has an authority.
 */
export async function ensureLocalAuthority(authority: AuthorityService, siteName: string): Promise<string | null> {
  if (authority.info()) return null;
  const info = await authority.init();
  return `First start: created the local certificate authority "${info.name}" (root SHA-256 ${info.root.sha256}, in Trusted Root), publishing its CRL at ${info.root.crlUrl}. Issue and map a client certificate with: certmapper ca issue --account USER --out USER.pfx --password P --map-site "${siteName}"`;
}
