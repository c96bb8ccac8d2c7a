import { BoundedCache } from '../services/trust/bounded-cache';

/** A small least-recently-used cache: bounded memory for per-certificate facts (the trust engine's BoundedCache, size checked). */
export class LruCache<K, V> extends BoundedCache<K, V> {
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('LruCache capacity must be at least 1');
    super(capacity);
  }
}
