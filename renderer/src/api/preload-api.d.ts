import type { ChannelName, EventName, Result } from '../../../shared/ipc';

/** What the Electron preload exposes on `window.certmapper` (main/electron/preload.ts): nothing else. */
export interface CertMapperPreloadApi {
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the desktop window; the browser console talks HTTP instead. */
    certmapper?: CertMapperPreloadApi;
  }
}
