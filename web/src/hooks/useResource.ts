import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetch again (keeps showing the current data meanwhile). */
  reload(): void;
  /** Replace the data locally (after a change the server confirmed). */
  set(data: T): void;
}

/**
 * Loads data for a page: cancels the request when the page goes away or the inputs change, and
 * keeps the last good data while reloading so a refresh never blanks the screen.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef
      .current(controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setLoading(false);
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, attempt]); // the caller's inputs, plus the "try again" counter

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload, set: setData };
}
