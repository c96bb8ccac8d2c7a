/** Stable error codes shared by every transport; clients switch on these, never on messages. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'EMPTY',
  'TRUNCATED',
  'MALFORMED',
  'NOT_A_CERTIFICATE',
  'PASSWORD_REQUIRED',
  'WRONG_PASSWORD',
  'INTEGRITY',
  'UNSUPPORTED_ENCRYPTION',
  /** A certificate was offered for a key it does not belong to (e.g. a CA reply for another request). */
  'KEY_MISMATCH',
  'STORE_CORRUPTED',
  'IO_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure carried as a value through every transport (see style.md: errors as values). */
export interface DomainErrorShape {
  code: ErrorCode;
  message: string;
}

/** Thrown inside services for expected failures; transports turn it into `{ ok: false, error }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Compile-time exhaustiveness for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
