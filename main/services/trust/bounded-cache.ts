/**
 * A Map that forgets its oldest entries beyond `limit`: the gateway sees unbounded numbers of client
 * certificates, and an attacker must not be able to grow memory by presenting new ones.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The cached value, refreshed as most recently used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Store a value, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.map.delete(key);
    if (this.map.size >= this.limit) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(key, value);
  }

  /** Number of entries (for tests and diagnostics). */
  get size(): number {
    return this.map.size;
  }
}
