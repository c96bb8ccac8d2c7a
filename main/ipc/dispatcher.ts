import { z } from 'zod';
import { contract, DomainError, isChannelName, type Result } from '../../shared/ipc';
import type { CallContext, HandlerTable } from './handler-table';

/** Calls one channel on behalf of any transport: validate, run, wrap. Never throws. */
export type Dispatch = (channel: unknown, payload: unknown, context: CallContext) => Promise<Result<unknown>>;

/** Human-readable list of what was wrong with a payload, e.g. "files.0.name: Required". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
}

/** The one path from a transport to a service; a malformed payload stops here with INVALID_INPUT. */
export function createDispatcher(handlers: HandlerTable, onUnexpected: (error: unknown) => void = () => {}): Dispatch {
  return async (channel, payload, context) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No such channel: ${String(channel)}` } };
    }
    const spec = contract[channel];
    const parsed = spec.input.safeParse(payload ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Invalid input for ${channel}: ${describeIssues(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, context);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
      onUnexpected(error);
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'INTERNAL', message: `Internal error in ${channel}: ${message}` } };
    }
  };
}
