import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/ipc';
import { DomainError } from '../../shared/ipc';
import type { Dispatch } from '../ipc/dispatcher';

/** What every command gets: its arguments, the dispatcher, and where to write. */
export interface CliContext {
  args: string[];
  dataDir: string;
  dispatch: Dispatch;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Call a channel exactly as the other transports do, and throw its domain error for the caller to print. */
export async function call<C extends ChannelName>(
  context: CliContext,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await context.dispatch(channel, input, { transport: 'cli' });
  if (!result.ok) throw new DomainError(result.error.code, result.error.message);
  return result.value as ChannelOutput<C>;
}

/** A wrong command line: printed with usage, exit status 2. */
export class UsageError extends Error {}
