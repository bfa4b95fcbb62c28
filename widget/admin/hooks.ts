// Owns loading data for a page: one request at a time, late answers of an older request ignored. Imports preact.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AdminApiError } from './api.js';

/** The state of a load: the data (kept while reloading), the error of the last attempt, and a way to reload. */
export interface Loaded<T> {
  data: T | null;
  error: AdminApiError | null;
  loading: boolean;
  reload(): void;
  /** Replaces the data in place (after a change the server confirmed). */
  setData(update: (data: T | null) => T | null): void;
}

/** Wraps anything thrown into an AdminApiError, so pages handle one kind of error. */
export function asApiError(error: unknown): AdminApiError {
  return error instanceof AdminApiError ? error : new AdminApiError(0, 'client_error', (error as Error)?.message ?? String(error));
}

/** Runs `load` on mount and whenever `deps` change (or on reload()). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<AdminApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const run = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (run !== latest.current) return;
        setDataState(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (run !== latest.current) return;
        setError(asApiError(failure));
        setLoading(false);
      },
    );
    // `load` is a new closure every render; `deps` say when it asks for something else.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((update: (data: T | null) => T | null) => setDataState((d) => update(d)), []);
  return { data, error, loading, reload, setData };
}
