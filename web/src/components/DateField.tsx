/**
 * @module The date field of every form: a date typed in 和暦 or western form and read back in 和暦
 * under the box.
 */
import { useState } from 'react';
import { formatEraDate, formatEraYear, formatEraYearMonth, readDate, readingProblem, readYearMonth, type ReadingKind } from '../../../src/shared/era.js';
import { Field } from './Field.js';

interface DateFieldProps extends ReadingKind {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
}

const DATE_FORMS = '例: 令和8年4月1日、R8.4.1、2026-04-01';
const MONTH_FORMS = '例: 平成25年3月、H25.3、2013-03';

/**
 * A date (or, with `month`, a year-month) typed as clerks write it — 和暦 or western, any width —
 * and read back in 和暦 under the box. A text box rather than `<input type="date">`: the
 * browser's date box drops an impossible day (02/30/2026) without a word, and reads no 和暦.
 * What was typed is sent as typed; the API reads it with the same module (src/shared/era.ts)
 * and answers the same. A problem of its own shows once the clerk leaves the box.
 */
export function DateField({ value, onChange, month = false, yearOnly = false, hint, error, ...field }: DateFieldProps) {
  const [left, setLeft] = useState(false);
  const typed = value.trim();
  const reading = typed ? (month ? readYearMonth(typed, { yearOnly }) : readDate(typed)) : undefined;
  const ownProblem = reading && left ? readingProblem(reading, field.label, { month, yearOnly }) : undefined;
  const readingId = `${field.id}-reading`;
  const forms = month ? MONTH_FORMS : DATE_FORMS;
  return (
    <Field {...field} hint={hint ? `${hint}(${forms})` : forms} error={ownProblem ?? error}>
      {(describedBy, invalid) => (
        <>
          <input
            id={field.id}
            name={field.id}
            className="input input--date"
            type="text"
            value={value}
            onChange={(e) => {
              onChange(e.target.value);
              setLeft(false);
            }}
            onBlur={() => setLeft(true)}
            required={field.required}
            aria-invalid={invalid || undefined}
            aria-describedby={[describedBy, reading?.ok && readingId].filter(Boolean).join(' ') || undefined}
            autoComplete="off"
          />
          {reading?.ok && (
            <p className="field__reading" id={readingId}>
              {shownInEra(reading.value)}
            </p>
          )}
        </>
      )}
    </Field>
  );
}

/** 令和8年4月1日, 平成25年3月 or 平成15年, by the length of what was read. */
function shownInEra(value: string): string {
  if (value.length === 4) return formatEraYear(Number(value));
  return value.length === 7 ? formatEraYearMonth(value) : formatEraDate(value);
}
