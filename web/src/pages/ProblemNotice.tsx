import type { Problem } from '../api.js';

/** A failure, in the words the server chose, with the request id to quote to support. */
export function ProblemNotice({ problem, tone = 'error' }: { problem: Problem; tone?: 'error' | 'info' }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p className="notice__title">{problem.title}</p>
      <p>{problem.detail}</p>
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
      {problem.requestId && <p className="notice__meta">要求ID: {problem.requestId}</p>}
    </div>
  );
}
