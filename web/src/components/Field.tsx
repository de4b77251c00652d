/**
 * @module Labelled form fields after the デジタル庁デザインシステム, and the text field that says, as the clerk
 * types, what the server would refuse (length, characters outside JIS X 0213).
 */
import type { ReactNode } from 'react';
import { textProblem } from '../../../src/shared/text.js';

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/**
 * A labelled form field after the デジタル庁デザインシステム: visible label, ※必須 for required
 * fields, a hint, and an error message tied to the control by aria-describedby.
 */
export function Field({ id, label, required = false, hint, error, children }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required && <span className="field__required">※必須</span>}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children(describedBy, Boolean(error))}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onChange(value: string): void;
  /** For dates, DateField. */
  type?: 'text' | 'password' | 'search';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  maxLength?: number;
  autoFocus?: boolean;
}

/**
 * A text field. With `maxLength` it checks as the clerk types, by the API's own rules and words:
 * the limit in characters and the characters a name or address may hold. The browser is not
 * asked to cut the input at the limit, so pasted text over it is shown with the message rather
 * than shortened unseen.
 */
export function TextField({ value, onChange, type = 'text', autoComplete, inputMode, maxLength, autoFocus, ...field }: TextFieldProps) {
  const typing = maxLength !== undefined && type !== 'password' ? textProblem(field.label, value, maxLength) : undefined;
  return (
    <Field {...field} error={typing ?? field.error} hint={field.hint ?? (maxLength !== undefined && type !== 'password' ? `${maxLength}文字以内` : undefined)}>
      {(describedBy, invalid) => (
        <input
          id={field.id}
          name={field.id}
          className="input"
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required={field.required}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoComplete={autoComplete}
          inputMode={inputMode}
          autoFocus={autoFocus}
        />
      )}
    </Field>
  );
}
