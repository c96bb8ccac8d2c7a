// "/a/b": segments neither empty nor "." or "..", nothing to decode, cut or turn around.
const NORMAL_FORM = /^(?:\/(?!\.\.?(?:\/|$))[^/\\%?#]+)+$/;

/**
 * The path a folder rule is matched against: query and fragment cut, percent-decoded once,
 * backslashes as slashes, dot segments resolved and repeated slashes folded. Folder security must
 * see the path the content is served from, or "/public/../admin" and "/%61dmin" would slip past
 * the "/admin" folder's rules.
 */
export function normalizeRequestPath(raw: string): string {
  // Most paths (and every path the gateway already normalized) are in normal form: nothing to redo.
  if (raw === '/' || NORMAL_FORM.test(raw)) return raw;
  let path = raw;
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed escapes: keep the text as it came; it then matches folders literally.
  }
  const segments: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** The lower-cased key a folder path is stored and looked up under (IIS paths are case-insensitive). */
export function folderKey(path: string): string {
  return normalizeRequestPath(path).toLowerCase();
}

/** The key of the parent folder ("/a/b" -> "/a", "/a" -> "/"), or null at the root. */
export function parentKey(key: string): string | null {
  if (key === '/') return null;
  const slash = key.lastIndexOf('/');
  return slash <= 0 ? '/' : key.slice(0, slash);
}
