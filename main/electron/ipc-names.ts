/** The single Electron IPC channel that carries every contract call (the contract names the real channel). */
export const INVOKE_CHANNEL = 'certmapper:invoke';

/** Electron IPC channel for one pushed event. */
export const eventChannel = (event: string): string => `certmapper:event:${event}`;

/** Scheme and host the console is served from instead of file:// (style.md, Security). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://certmapper';

/**
 * Whether a URL is our console. Compared by scheme and host: Node's URL gives custom schemes the
 * origin "null", so origin strings cannot be compared outside Chromium.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'certmapper';
  } catch {
    return false;
  }
}
