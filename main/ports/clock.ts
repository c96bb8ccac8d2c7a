/** Time as services see it, so tests can pin "now" (validity, days left, audit timestamps). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
