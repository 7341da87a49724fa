import { useCallback, useEffect, useState } from 'react';
import { shopperWords, type Subject } from '../api/shopper-words.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** Data a page shows: loaded when the page opens and again on reload, errors in shopper words. */
export function useLoad<T>(load: () => Promise<T>, subject: Subject, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setLoading(true);
    run()
      .then((value) => current && (setData(value), setError(undefined)))
      .catch((failure: unknown) => current && setError(shopperWords(failure, subject)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [run, round, subject]);
  return { data, error, loading, reload: () => setRound((r) => r + 1) };
}
