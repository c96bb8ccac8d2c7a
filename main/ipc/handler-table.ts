import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../shared/ipc';

/** Which transport carried a call; services never branch on it, app.info reports it. */
export type TransportName = 'electron' | 'http' | 'cli';

export interface CallContext {
  transport: TransportName;
}

/** Exactly one handler per channel: the mapped type makes a missing or extra handler a compile error. */
export type HandlerTable = {
  [C in ChannelName]: (
    input: ChannelParsedInput<C>,
    context: CallContext,
  ) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};
