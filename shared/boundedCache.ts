/**
 * A cache of values computed from a string key that never grows past a limit: when full, it is
 * emptied and fills again with what is asked now. Enough for the typesetter's and the collation's
 * memos (a book uses a few thousand syllables and titles), where an LRU's bookkeeping would cost
 * more than the work it saves.
 */
export class BoundedCache<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The value of `key`, made by `make` the first time (and again after the cache was emptied). */
  get(key: string, make: (key: string) => V): V {
    let v = this.values.get(key);
    if (v === undefined) {
      v = make(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, v);
    }
    return v;
  }
}
