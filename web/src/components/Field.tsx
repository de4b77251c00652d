import type { ReactNode } from 'react';

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

export function TextField({ value, onChange, type = 'text', autoComplete, inputMode, maxLength, autoFocus, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
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
          maxLength={maxLength}
          autoFocus={autoFocus}
        />
      )}
    </Field>
  );
}
