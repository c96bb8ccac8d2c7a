import type { AuthorizationRule, Folder, FolderSecurity, Site } from '../../../shared/models/site';

/** Where a folder's setting comes from: its own, an ancestor folder's, or the site's. */
export type SettingSource = { kind: 'own' } | { kind: 'site' } | { kind: 'folder'; path: string };

/** A folder's effective settings and where each came from, as the gateway resolves them (spec section 1). */
export interface EffectiveSecurity {
  security: FolderSecurity;
  sources: Record<keyof FolderSecurity, SettingSource>;
}

const KEYS: (keyof FolderSecurity)[] = ['requireTls', 'clientCertificates', 'mapping', 'anonymous', 'revocation'];

/** Lower-cased path segments boundary check: /admin covers /admin/x but not /administrator. */
function covers(ancestor: string, path: string): boolean {
  const a = ancestor.toLowerCase();
  const p = path.toLowerCase();
  return p === a || p.startsWith(`${a}/`);
}

/** Declared folders above `path` (nearest last), not counting the folder itself. */
function ancestorsOf(site: Site, path: string): Folder[] {
  return site.folders.filter((f) => f.path.toLowerCase() !== path.toLowerCase() && covers(f.path, path)).sort((a, b) => a.path.length - b.path.length);
}

/** The folder declared at exactly this path, if any. */
export function folderAt(site: Site, path: string): Folder | undefined {
  return site.folders.find((f) => f.path.toLowerCase() === path.toLowerCase());
}

/** What the folder at `path` would inherit (its ancestors', then the site's), ignoring its own settings. */
export function inheritedSecurity(site: Site, path: string | null): EffectiveSecurity {
  const security = { ...site.security };
  const sources = Object.fromEntries(KEYS.map((k) => [k, { kind: 'site' }])) as Record<keyof FolderSecurity, SettingSource>;
  if (path) {
    for (const folder of ancestorsOf(site, path)) {
      for (const key of KEYS) {
        const value = folder.security[key];
        if (value === undefined) continue;
        (security as Record<string, unknown>)[key] = value;
        sources[key] = { kind: 'folder', path: folder.path };
      }
    }
  }
  return { security, sources };
}

/** The settings in force at `path` (null: the site root) and where each came from. */
export function effectiveSecurity(site: Site, path: string | null): EffectiveSecurity {
  if (!path) return { security: site.security, sources: Object.fromEntries(KEYS.map((k) => [k, { kind: 'own' }])) as EffectiveSecurity['sources'] };
  const inherited = inheritedSecurity(site, path);
  const own = folderAt(site, path)?.security ?? {};
  const security = { ...inherited.security };
  const sources = { ...inherited.sources };
  for (const key of KEYS) {
    const value = own[key];
    if (value === undefined) continue;
    (security as Record<string, unknown>)[key] = value;
    sources[key] = { kind: 'own' };
  }
  return { security, sources };
}

/** The authorization rules in force at `path` and the folder that holds them ("/" for the site root). */
export function effectiveAuthorization(site: Site, path: string | null): { rules: AuthorizationRule[]; from: string } {
  if (path) {
    const chain = [...ancestorsOf(site, path), folderAt(site, path)].filter((f): f is Folder => Boolean(f)).reverse();
    const holder = chain.find((f) => f.authorization.length > 0);
    if (holder) return { rules: holder.authorization, from: holder.path };
  }
  return { rules: site.authorization, from: '/' };
}

/** "the site" / "/parent": where an inherited value comes from, in words. */
export function describeSource(source: SettingSource): string {
  return source.kind === 'site' ? 'the site' : source.kind === 'folder' ? source.path : 'this folder';
}
