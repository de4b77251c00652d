import type { Problem } from '../api.js';

/** A failed load, in the words the server chose, with the request id to quote to support. */
export function ProblemNotice({ problem }: { problem: Problem }) {
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{problem.title}</p>
      <p>{problem.detail}</p>
      {problem.requestId && <p className="notice__meta">要求ID: {problem.requestId}</p>}
    </div>
  );
}
