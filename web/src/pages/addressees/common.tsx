/**
 * @module What the addressee screens share: labels of kind, status and sex, the select field, and
 * blank fields left out of a request.
 */
import { KIND_LABELS, STATUS_LABELS } from '../../../../src/addressees/model.js';
import type { AddresseeSummary } from '../../../../src/addressees/model.js';
import { Field } from '../../components/Field.js';
import { formatEraDate } from '../../format.js';

export type { AddresseeDetail, AddresseeSearchResult } from '../../../../src/addressees/model.js';
export type { ImportRecord, ImportReport, ResidentChangeReviewView } from '../../../../src/resident-changes/model.js';

export const SEX_LABELS: Record<string, string> = { '1': '男', '2': '女' };

/** A date as clerks read it (令和…), or a dash. */
export const eraDateOrDash = (iso: string | null | undefined) => (iso ? formatEraDate(iso) : '—');

/** 区分 and 状態 of an addressee, the status marked when it is not 有効. */
export function KindAndStatus({ addressee }: { addressee: Pick<AddresseeSummary, 'kind' | 'status'> }) {
  return (
    <>
      {KIND_LABELS[addressee.kind]}
      {addressee.status !== 'active' && <span className="badge badge--status">{STATUS_LABELS[addressee.status]}</span>}
    </>
  );
}

/** A labelled select (※必須 when required), its error tied by aria-describedby. */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  required = false,
  hint,
  error,
}: {
  id: string;
  label: string;
  value: string;
  options: [value: string, label: string][];
  onChange(value: string): void;
  required?: boolean;
  hint?: string;
  error?: string | undefined;
}) {
  return (
    <Field id={id} label={label} required={required} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The form's values as the API takes them: blanks left out, or sent as null where `clear` says so. */
export function withoutBlanks(form: Record<string, string>, clear: readonly string[] = []): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(form)) {
    if (value.trim() !== '') body[key] = value;
    else if (clear.includes(key)) body[key] = null;
  }
  return body;
}
