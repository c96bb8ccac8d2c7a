import type { DomainErrorShape } from '../errors';

/** The envelope every channel answers with, on every transport. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: DomainErrorShape['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
