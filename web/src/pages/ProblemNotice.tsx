/**
 * @module The notice of a failure or an information on every screen, in the server's words with
 * its request id.
 */
import { useEffect, useRef } from 'react';
import type { Problem } from '../api.js';

/**
 * A failure, in the words the server chose, with the request id to quote to support. As an error
 * it is the form's error summary: it takes the focus when it appears, so a keyboard or screen
 * reader user lands on what went wrong; with `fieldPrefix`, each message links to its field
 * (`${fieldPrefix}-${field}`).
 */
export function ProblemNotice({ problem, tone = 'error', fieldPrefix }: { problem: Problem; tone?: 'error' | 'info'; fieldPrefix?: string }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (tone === 'error') summary.current?.focus();
  }, [problem, tone]);
  return (
    <div ref={summary} className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={-1} data-testid={tone === 'error' ? 'error-summary' : undefined}>
      <p className="notice__title">{problem.title}</p>
      <p>{problem.detail}</p>
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>{fieldPrefix ? <FieldLink id={`${fieldPrefix}-${e.field}`} message={e.message} /> : e.message}</li>
          ))}
        </ul>
      )}
      {problem.requestId && <p className="notice__meta">要求ID: {problem.requestId}</p>}
    </div>
  );
}

/** A link that moves the focus to the field, without touching the router's URL. */
function FieldLink({ id, message }: { id: string; message: string }) {
  return (
    <a
      href={`#${id}`}
      onClick={(event) => {
        const field = document.getElementById(id);
        if (!field) return;
        event.preventDefault();
        field.focus();
      }}
    >
      {message}
    </a>
  );
}
