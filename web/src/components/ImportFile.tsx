/**
 * @module What every import screen shares (住民異動, 送付データ): a CSV file and its encoding sent as they
 * are, the cells a refused file was refused for, and the report of what the import did.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { TEXT_LIMITS } from '../../../src/shared/text.js';
import { fieldError, sendFile, sendJson, type Problem } from '../api.js';
import { formatEraDateTime } from '../format.js';
import { SelectField } from '../pages/addressees/common.js';
import { ProblemNotice } from '../pages/ProblemNotice.js';
import { TableScroll } from '../pages/TableScroll.js';
import { useSubmit } from '../useSubmit.js';
import { Field, TextField } from './Field.js';

/** A CSV file and its encoding, sent as they are to `endpoint`. */
export function ImportFileForm<T>({ id, label, hint, endpoint, onImported }: { id: string; label: string; hint: string; endpoint: string; onImported(report: T): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState('auto');
  const input = useRef<HTMLInputElement>(null);
  const { problem, busy, submit } = useSubmit();
  async function upload(event: FormEvent) {
    event.preventDefault();
    await submit(async () => {
      const query = new URLSearchParams({ fileName: file?.name ?? 'upload.csv', encoding });
      const report = await sendFile<T>(`${endpoint}?${query}`, new Blob([file ?? new Uint8Array()], { type: 'text/csv' }));
      setFile(null);
      if (input.current) input.current.value = '';
      onImported(report);
    });
  }
  return (
    <form onSubmit={upload} noValidate className="panel">
      {problem && <ProblemNotice problem={problem} />}
      <div className="form-grid">
        <Field id={`${id}-file`} label={label} required hint={hint} error={fieldError(problem, 'file')}>
          {(describedBy, invalid) => (
            <input
              ref={input}
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              className="input"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <SelectField
          id={`${id}-encoding`}
          label="文字コード"
          value={encoding}
          options={[
            ['auto', '自動判定'],
            ['utf-8', 'UTF-8'],
            ['shift_jis', 'Shift_JIS'],
          ]}
          onChange={setEncoding}
        />
      </div>
      <FileProblems problem={problem} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? '取り込んでいます…' : '取り込む'}
      </button>
    </form>
  );
}

/** The cells (行・列) a refused file was refused for, when the problem names them. */
export function FileProblems({ problem }: { problem: Problem | null }) {
  const errors = problem?.errors?.filter((e) => e.field !== 'file') ?? [];
  if (errors.length === 0) return null;
  return (
    <ul className="field__error" aria-label="ファイルの誤り">
      {errors.map((e) => (
        <li key={`${e.field}${e.message}`}>
          {e.field}: {e.message}
        </li>
      ))}
    </ul>
  );
}

/** What an import did: its counts, and the wrong cells by row and column. */
export function ImportSummary({ id, title, counts, problems, problemsCaption }: { id: string; title: string; counts: [label: string, count: number][]; problems: { row: number; column: string; message: string }[]; problemsCaption: string }) {
  return (
    <section className="notice notice--success" role="status" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      <dl className="summary summary--compact">
        {counts.map(([label, count]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count}件</dd>
          </div>
        ))}
      </dl>
      {problems.length > 0 && (
        <TableScroll label={problemsCaption}>
          <table className="table table--list">
            <caption>{problemsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">行</th>
                <th scope="col">列</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.row}-${p.column}`}>
                  <td>{p.row}行目</td>
                  <td>{p.column}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The recent imports of a file: when, which file, who ran it, and the counts `columns` names. */
export function RecentImportsTable<T extends { importId: string; importedAt: string; fileName: string; encoding: 'utf-8' | 'shift_jis'; staffNo: string | null }>({
  imports,
  columns,
}: {
  imports: T[];
  columns: [label: string, count: (row: T) => number][];
}) {
  return (
    <TableScroll label="最近の取込み">
      <table className="table table--list">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">ファイル</th>
            {columns.map(([label]) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
            <th scope="col">実行</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.importId}>
              <td className="nowrap">{formatEraDateTime(i.importedAt)}</td>
              <td>
                {i.fileName}({i.encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'})
              </td>
              {columns.map(([label, count]) => (
                <td key={label}>{count(i)}</td>
              ))}
              <td>{i.staffNo ?? 'コマンドライン'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The addressees a queued row may be about, each a link to its screen. */
export function CandidateLinks({ candidates }: { candidates: string[] | undefined }) {
  if (!candidates) return null;
  return (
    <div>
      候補:{' '}
      {candidates.map((no) => (
        <Link key={no} to={`/addressees/${no}`} className="nowrap">
          {no}{' '}
        </Link>
      ))}
    </div>
  );
}

/** A field the 登録 choice adds, sent only with that choice and only when filled (a new non-resident's kana). */
interface RegisterField {
  name: string;
  label: string;
  initial: string;
  maxLength: number;
}

/**
 * A clerk's decision on a queued row, posted to `endpoint`: apply it to an addressee, register
 * someone new, or set it aside, always with the reason. The screen names the choices it offers.
 */
export function ResolveForm({ id, endpoint, choices, addresseeLabel, candidate, registerField, onResolved }: {
  id: string;
  endpoint: string;
  choices: [action: 'apply' | 'register' | 'dismiss', label: string][];
  addresseeLabel: string;
  candidate: string;
  registerField?: RegisterField;
  onResolved(): void;
}) {
  const [form, setForm] = useState({ action: 'apply', addresseeNo: candidate, extra: registerField?.initial ?? '', note: '' });
  const { problem, busy, submit } = useSubmit();
  async function resolve(event: FormEvent) {
    event.preventDefault();
    const { action, addresseeNo, extra, note } = form;
    const body =
      action === 'apply'
        ? { action, addresseeNo: addresseeNo || undefined, note }
        : action === 'register' && registerField && extra
          ? { action, note, [registerField.name]: extra }
          : { action, note };
    if (await submit(() => sendJson('POST', endpoint, body))) onResolved();
  }
  return (
    <details>
      <summary>処理する</summary>
      <form onSubmit={resolve} noValidate>
        {problem && <ProblemNotice problem={problem} />}
        <SelectField id={`${id}-action`} label="処理" required value={form.action} options={choices} onChange={(action) => setForm((f) => ({ ...f, action }))} />
        {form.action === 'apply' && (
          <TextField id={`${id}-addresseeNo`} label={addresseeLabel} required inputMode="numeric" value={form.addresseeNo} onChange={(addresseeNo) => setForm((f) => ({ ...f, addresseeNo }))} error={fieldError(problem, 'addresseeNo')} />
        )}
        {form.action === 'register' && registerField && (
          <TextField id={`${id}-${registerField.name}`} label={registerField.label} maxLength={registerField.maxLength} value={form.extra} onChange={(extra) => setForm((f) => ({ ...f, extra }))} error={fieldError(problem, registerField.name)} />
        )}
        <TextField id={`${id}-note`} label="処理の理由" required maxLength={TEXT_LIMITS.reason} value={form.note} onChange={(note) => setForm((f) => ({ ...f, note }))} error={fieldError(problem, 'note')} />
        <button type="submit" className="button button--secondary button--small" disabled={busy}>
          確定
        </button>
      </form>
    </details>
  );
}
