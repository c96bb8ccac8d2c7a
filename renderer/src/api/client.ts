import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayloads } from '../../../shared/ipc';
import { ApiError } from './api-error';
import { forgetAccessToken, takeAccessToken } from './access-token';
import { createElectronTransport } from './electron-transport';
import { createHttpTransport } from './http-transport';
import type { Transport } from './transport';

/** How the console reached main at start: ready, or a browser tab opened without the token. */
export type ApiStart = { status: 'ready'; transport: Transport['kind'] } | { status: 'no-token' };

let transport: Transport | undefined;
const unauthorizedListeners = new Set<() => void>();

/** Pick the transport once, before the first render: the preload bridge if present, else HTTP with the token. */
export function startApi(): ApiStart {
  if (window.certmapper) {
    transport = createElectronTransport(window.certmapper);
    return { status: 'ready', transport: transport.kind };
  }
  const token = takeAccessToken();
  if (!token) return { status: 'no-token' };
  transport = createHttpTransport(token, () => {
    forgetAccessToken();
    for (const listener of unauthorizedListeners) listener();
  });
  return { status: 'ready', transport: transport.kind };
}

function current(): Transport {
  if (!transport) throw new Error('startApi() must run before the first API call');
  return transport;
}

/** Call one channel of the contract; resolves with its value or throws an ApiError carrying the code. */
export async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  // Outputs are not re-validated here: main validated them, and parsing 50,000 summaries would cost the UI.
  const result = await current().invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as ChannelOutput<C>;
}

/** Subscribe to main's push events; returns the unsubscribe function (use it in an effect's cleanup). */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  return current().on(event, (payload) => listener(payload as EventPayloads[E]));
}

/** Be told when the server refuses the token (it restarted with a new one): the console asks for the URL again. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}
