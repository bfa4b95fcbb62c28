// Owns access to Web Storage that never throws (storage can be disabled, full or blocked in a sandboxed frame);
// imports nothing.

/** The part of `Storage` the widget uses. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * A storage whose calls never throw: reads give null and writes are dropped when the browser refuses.
 * `open` returns the real storage, or throws (e.g. `window.localStorage` raises SecurityError when blocked).
 */
export function safeStorage(open: () => StorageLike | null | undefined): StorageLike {
  let storage: StorageLike | null | undefined = null;
  try {
    storage = open();
  } catch {
    // Blocked: reads give null, writes are dropped.
  }
  return {
    getItem(key) {
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    setItem(key, value) {
      try {
        storage?.setItem(key, value);
      } catch {
        // Full or blocked: the widget keeps working, it just does not remember.
      }
    },
    removeItem(key) {
      try {
        storage?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}
