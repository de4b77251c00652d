/**
 * @module What every import screen shares (住民異動, 送付データ): a CSV file and its encoding sent as they
 * are, the cells a refused file was refused for, and the report of what the import did.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fieldError, sendFile, type Problem } from '../api.js';
import { formatEraDateTime } from '../format.js';
import { SelectField } from '../pages/addressees/common.js';
import { ProblemNotice } from '../pages/ProblemNotice.js';
import { TableScroll } from '../pages/TableScroll.js';
import { useSubmit } from '../useSubmit.js';
import { Field } from './Field.js';

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
