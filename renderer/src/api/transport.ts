import type { ChannelName, EventName, Result } from '../../../shared/ipc';

/** One way of reaching main: the Electron preload bridge or JSON over HTTP. Both carry the same envelopes. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
