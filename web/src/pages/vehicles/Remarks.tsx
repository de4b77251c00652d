/**
 * @module 備考履歴 on a vehicle: newest first, each with its method and who first wrote and last
 * edited it; adding and editing for those who may write remarks. An edit sends the time the
 * screen showed, so one made meanwhile is refused rather than overwritten.
 */
import { useState, type FormEvent } from 'react';
import { japanToday } from '../../../../src/shared/dates.js';
import { REMARK_METHODS, type RemarkView } from '../../../../src/vehicles/model.js';
import { fieldError, sendJson } from '../../api.js';
import { DateField } from '../../components/DateField.js';
import { formatEraDate, formatEraDateTime } from '../../format.js';
import { useSubmit } from '../../useSubmit.js';
import { SelectField } from '../addressees/common.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TextAreaField } from './declarations.js';

const METHOD_OPTIONS = Object.entries(REMARK_METHODS);
const methodLabel = (code: string | null) => (code ? (REMARK_METHODS[code as keyof typeof REMARK_METHODS] ?? code) : '—');

export function Remarks({ declarationNo, remarks, canWrite, onDone }: { declarationNo: string; remarks: RemarkView[]; canWrite: boolean; onDone(): void }) {
  const [editing, setEditing] = useState<number | null>(null);
  const saved = () => {
    setEditing(null);
    onDone();
  };
  return (
    <section aria-labelledby="remarks-heading">
      <h2 id="remarks-heading">備考履歴</h2>
      {remarks.length === 0 ? (
        <p>備考はありません。</p>
      ) : (
        <ul className="remarks" data-testid="vehicle-remarks">
          {remarks.map((remark) => (
            <li key={remark.remarkNo}>
              {editing === remark.remarkNo ? (
                <RemarkForm declarationNo={declarationNo} editing={remark} onDone={saved} onCancel={() => setEditing(null)} />
              ) : (
                <>
                  {formatEraDate(remark.remarkDate)}({methodLabel(remark.methodCode)}) {remark.body}
                  <small>
                    {' '}
                    記録: {remark.firstStaffName} / 最終更新: {remark.lastUpdatedStaffName} {formatEraDateTime(remark.updatedAt)}
                  </small>{' '}
                  {canWrite && (
                    <button type="button" className="link-button" onClick={() => setEditing(remark.remarkNo)}>
                      修正
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && editing === null && <RemarkForm declarationNo={declarationNo} onDone={onDone} />}
    </section>
  );
}

/** A new remark, or an edit of `editing`. */
function RemarkForm({ declarationNo, editing, onDone, onCancel }: { declarationNo: string; editing?: RemarkView; onDone(): void; onCancel?(): void }) {
  const [form, setForm] = useState({ remarkDate: editing?.remarkDate ?? japanToday(), body: editing?.body ?? '', methodCode: editing?.methodCode ?? 'counter' });
  const { problem, busy, submit } = useSubmit();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const id = editing ? `remark-${editing.remarkNo}` : 'remark';
  async function save(event: FormEvent) {
    event.preventDefault();
    const saved = await submit(() =>
      editing
        ? sendJson('PUT', `/api/v1/vehicles/${declarationNo}/remarks/${editing.remarkNo}`, { ...form, updatedAt: editing.updatedAt })
        : sendJson('POST', `/api/v1/vehicles/${declarationNo}/remarks`, form),
    );
    if (saved) {
      setForm((f) => ({ ...f, body: '' }));
      onDone();
    }
  }
  const title = editing ? '備考の修正' : '備考を記録する';
  return (
    <form onSubmit={save} noValidate className="panel" aria-label={title}>
      <h3>{title}</h3>
      {problem && <ProblemNotice problem={problem} />}
      <div className="form-grid">
        <DateField id={`${id}-date`} label="備考年月日" required value={form.remarkDate} onChange={set('remarkDate')} error={fieldError(problem, 'remarkDate')} />
        <SelectField id={`${id}-method`} label="方法" required value={form.methodCode} options={METHOD_OPTIONS} onChange={set('methodCode')} error={fieldError(problem, 'methodCode')} />
        <TextAreaField id={`${id}-body`} label="備考" required value={form.body} onChange={set('body')} error={fieldError(problem, 'body')} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {editing ? '修正を保存する' : '記録する'}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            やめる
          </button>
        )}
      </div>
    </form>
  );
}
