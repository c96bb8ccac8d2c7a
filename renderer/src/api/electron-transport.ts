import type { CertMapperPreloadApi } from './preload-api';
import type { Transport } from './transport';

/** The desktop window: the preload already speaks the envelope, so this only adapts the shape. */
export function createElectronTransport(bridge: CertMapperPreloadApi): Transport {
  return {
    kind: 'electron',
    invoke: (channel, input) => bridge.invoke(channel, input),
    on: (event, listener) => bridge.on(event, listener),
  };
}
