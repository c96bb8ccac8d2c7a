import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token per server start: whoever holds the printed URL may use the console. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(expected: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer ...`, or from `?token=` (EventSource cannot set headers). */
export function presentedToken(authorization: string | undefined, url: URL): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? url.searchParams.get('token') ?? undefined;
}
