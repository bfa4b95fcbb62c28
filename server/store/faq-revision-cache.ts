// Owns the per-isolate cache of the FAQ revision: a Store wrapper that reads the revision at most once per interval;
// runtime-neutral (imports only the Store port).
import type { Store } from '../core/store.js';

/**
 * A store whose {@link Store.faqRevision} is read at most once per `ttlMs` (concurrent callers share one read);
 * the store's own FAQ writes drop the cached value, so they are seen at once through this wrapper.
 *
 * @remarks For a store shared by many processes (D1 behind many Worker isolates): an edit made elsewhere is seen
 * within `ttlMs`. A failed read is not cached.
 */
export function cacheFaqRevision<S extends Store>(store: S, ttlMs: number, now: () => number = Date.now): S {
  let cached: { at: number; revision: Promise<number> } | null = null;
  const written =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        cached = null;
      }
    };
  return {
    ...store,
    faqRevision() {
      const at = now();
      if (!cached || at - cached.at >= ttlMs) {
        const entry = { at, revision: store.faqRevision() };
        cached = entry;
        entry.revision.catch(() => {
          if (cached === entry) cached = null;
        });
      }
      return cached.revision;
    },
    createFaq: written(store.createFaq),
    updateFaq: written(store.updateFaq),
    deleteFaq: written(store.deleteFaq),
    importFaq: written(store.importFaq),
  };
}
