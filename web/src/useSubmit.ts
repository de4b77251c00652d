/** @module The hook that runs a form's submission and holds its busy state and problem. */
import { useState } from 'react';
import { problemOf, type Problem } from './api.js';

/**
 * The state of a form's submission: busy while it runs, the server's problem when it fails
 * (for the notice and the fields it names). `submit` resolves to whether the work succeeded.
 */
export function useSubmit() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { problem, busy, submit };
}
