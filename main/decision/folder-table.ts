import type { AuthorizationRule, FolderSecurity, Site } from '../../shared/models/site';
import { folderKey, parentKey } from './request-path';

/** The settings that apply to one path, and where each came from (for traces). */
export interface EffectiveFolder {
  /** The folder that applies ("/" for the site root). */
  path: string;
  security: FolderSecurity;
  authorization: readonly AuthorizationRule[];
  /** The folder whose authorization list applies ("/" for the site root). */
  authorizationFrom: string;
}

/** Folder settings resolved once per snapshot, looked up per request by walking up the path. */
export interface FolderTable {
  resolve(path: string): EffectiveFolder;
}

/**
 * Build the table: each folder inherits every setting it does not set from its nearest ancestor
 * folder, and finally from the site (spec section 1), and its authorization list from the nearest
 * folder that has one, else the site root. Lookup is the longest folder prefix on path-segment
 * boundaries, case-insensitive as IIS paths are ("/admin" covers "/Admin/x", not "/administrator").
 */
export function buildFolderTable(site: Site): FolderTable {
  const declared = new Map(site.folders.map((folder) => [folderKey(folder.path), folder]));
  const root: EffectiveFolder = { path: '/', security: site.security, authorization: site.authorization, authorizationFrom: '/' };
  const resolved = new Map<string, EffectiveFolder>();

  const effective = (key: string): EffectiveFolder => {
    const known = resolved.get(key);
    if (known) return known;
    const parent = parentKey(key);
    const base = parent === null ? root : effective(parent);
    const folder = declared.get(key);
    if (!folder) return base;
    const set = Object.fromEntries(Object.entries(folder.security).filter(([, value]) => value !== undefined));
    const own = folder.authorization.length > 0;
    const result: EffectiveFolder = {
      path: folder.path,
      security: { ...base.security, ...set },
      authorization: own ? folder.authorization : base.authorization,
      authorizationFrom: own ? folder.path : base.authorizationFrom,
    };
    resolved.set(key, result);
    return result;
  };
  for (const key of declared.keys()) effective(key);

  return {
    resolve(path) {
      // Walk up from the request path: the first declared folder met is the longest prefix.
      for (let key: string | null = folderKey(path); key !== null; key = parentKey(key)) {
        const hit = resolved.get(key);
        if (hit) return hit;
      }
      return root;
    },
  };
}
