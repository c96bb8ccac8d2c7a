import type { ErrorCode } from '../../../shared/ipc';

/** A `{ ok: false }` answer turned into an exception, keeping its stable code for callers to switch on. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The message to show for anything caught around an API call. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
