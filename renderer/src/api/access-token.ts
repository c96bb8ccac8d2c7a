const STORAGE_KEY = 'certmapper.accessToken';

/**
 * The web console's access token: taken from `?token=` on first load, kept in sessionStorage (so a
 * reload keeps working but no other tab or later session gets it), and removed from the address bar
 * so it does not end up in history, bookmarks or screenshots.
 */
export function takeAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Forget a token the server refused, so a reload asks for the right URL instead of failing again. */
export function forgetAccessToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
