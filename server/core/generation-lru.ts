// Owns the bounded memo both answer caches share (http/ask-memo.ts, core/nearest-questions.ts): values by key for one
// generation of what produced them, least recently used dropped first. Runtime-neutral, imports nothing.

/** Values of one generation: a `get` or `set` under another generation (compared item by item) forgets them all. */
export interface GenerationLru<V> {
  get(generation: readonly unknown[], key: string): V | undefined;
  set(generation: readonly unknown[], key: string, value: V): void;
  /** Forgets one key (a value the caller found stale). */
  delete(key: string): void;
}

export function createGenerationLru<V>(size: number): GenerationLru<V> {
  let current: readonly unknown[] | null = null;
  const values = new Map<string, V>();
  const use = (generation: readonly unknown[]) => {
    if (current && current.length === generation.length && current.every((g, i) => g === generation[i])) return;
    values.clear();
    current = generation;
  };
  return {
    get(generation, key) {
      use(generation);
      const hit = values.get(key);
      if (hit !== undefined) {
        // Most recently used last, so the oldest goes first.
        values.delete(key);
        values.set(key, hit);
      }
      return hit;
    },
    set(generation, key, value) {
      use(generation);
      values.delete(key);
      if (values.size >= size) values.delete(values.keys().next().value!);
      values.set(key, value);
    },
    delete(key) {
      values.delete(key);
    },
  };
}
