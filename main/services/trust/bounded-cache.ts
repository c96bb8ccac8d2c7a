/**
 * A Map that forgets its least recently used entries beyond `limit`: the gateway sees unbounded
 * numbers of client certificates, and an attacker must not be able to grow memory by presenting
 * new ones. Recency is kept by re-inserting an entry (Map order is insertion order), but only once
 * it has drifted into the older half: a hit on a recent entry is then one Map lookup, and an entry
 * still in use is refreshed long before it reaches the end that is evicted.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, { value: V; stamp: number }>();
  /** Insertions so far: an entry's stamp is this count when it was last (re)inserted. */
  private clock = 0;

  constructor(private readonly limit: number) {}

  /** The cached value, refreshed as recently used. */
  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (this.clock - entry.stamp > this.limit / 2) {
      this.map.delete(key);
      entry.stamp = this.clock++;
      this.map.set(key, entry);
    }
    return entry.value;
  }

  /** Store a value, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.map.delete(key);
    if (this.map.size >= this.limit) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(key, { value, stamp: this.clock++ });
  }

  /** Number of entries (for tests and diagnostics). */
  get size(): number {
    return this.map.size;
  }
}
