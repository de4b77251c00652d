/** @module The hook that loads one API resource for a screen, as loading, failed or ready. */
import { useEffect, useState } from 'react';
import { getJson, problemOf, type Problem } from './api.js';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; problem: Problem };

/** Loads one API resource for a screen; `reloadKey` changes trigger a fresh load. */
export function useApi<T>(path: string, reloadKey = 0): Loadable<T> {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    getJson<T>(path).then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: unknown) => current && setResult({ state: 'failed', problem: problemOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [path, reloadKey]);
  return result;
}
