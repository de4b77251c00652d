import { useState, type FormEvent } from 'react';
import { fieldError, getJson, problemOf, sendJson, type Problem } from '../api.js';
import { DateField } from '../components/DateField.js';
import { Field, TextField } from '../components/Field.js';
import { formatEraDateTime } from '../format.js';
import type { AuditEntryView } from '../../../src/audit/service.js';
import type { VerifyReport } from '../../../src/audit/verify.js';
import { useSession } from '../session.js';
import { ProblemNotice } from './ProblemNotice.js';

type Entry = AuditEntryView;

const RESULT = { succeeded: '成功', denied: '拒否', failed: '失敗' } as const;
const SUBJECT = { addressee: '宛名', vehicle: '車両', staff: '職員', levy: '課税', reduction: '減免', audit_log: '監査ログ', municipality: '団体', export: '出力' } as const;

/** The auditor's screen: who looked at whom and when, what a staff member did; export; verify. */
export function AuditPage() {
  const { can } = useSession();
  const [criteria, setCriteria] = useState({ staffNo: '', subjectType: '', subjectId: '', operation: '', result: '', from: '', to: '' });
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const set = (key: keyof typeof criteria) => (value: string) => setCriteria((c) => ({ ...c, [key]: value }));
  const query = new URLSearchParams(Object.entries(criteria).filter(([, v]) => v !== '')).toString();

  async function search(event?: FormEvent) {
    event?.preventDefault();
    setProblem(null);
    try {
      setEntries(await getJson<Entry[]>(`/api/v1/audit/entries?${query}`));
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  async function verify() {
    setProblem(null);
    try {
      await sendJson('POST', '/api/v1/audit/checkpoints');
      setReport(await getJson<VerifyReport>('/api/v1/audit/verification'));
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <>
      <h1>監査ログ</h1>
      <p>職員・対象(宛名番号など)・期間で操作の記録を探します。検索と出力も記録されます。</p>
      {problem && <ProblemNotice problem={problem} />}
      <form onSubmit={search} noValidate className="form-grid">
        <TextField id="audit-staffNo" label="職員番号" value={criteria.staffNo} onChange={set('staffNo')} maxLength={12} error={fieldError(problem, 'staffNo')} />
        <Field id="audit-subjectType" label="対象の種類">
          {(describedBy) => (
            <select id="audit-subjectType" className="input" value={criteria.subjectType} onChange={(e) => set('subjectType')(e.target.value)} aria-describedby={describedBy}>
              <option value="">すべて</option>
              {Object.entries(SUBJECT).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField id="audit-subjectId" label="対象の番号" hint="宛名番号・申告書番号・職員番号など" value={criteria.subjectId} onChange={set('subjectId')} maxLength={40} error={fieldError(problem, 'subjectId')} />
        <TextField id="audit-operation" label="操作" hint="前方一致(例: auth. でサインイン関係)" value={criteria.operation} onChange={set('operation')} maxLength={60} />
        <Field id="audit-result" label="結果">
          {(describedBy) => (
            <select id="audit-result" className="input" value={criteria.result} onChange={(e) => set('result')(e.target.value)} aria-describedby={describedBy}>
              <option value="">すべて</option>
              {Object.entries(RESULT).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateField id="audit-from" label="期間(開始日)" value={criteria.from} onChange={set('from')} error={fieldError(problem, 'from')} />
        <DateField id="audit-to" label="期間(終了日)" value={criteria.to} onChange={set('to')} error={fieldError(problem, 'to')} />
        <div className="actions">
          <button type="submit" className="button button--primary">
            検索
          </button>
          {can('data.export') && (
            <a className="button button--secondary" href={`/api/v1/audit/entries.csv?${query}`} download>
              CSVで出力
            </a>
          )}
        </div>
      </form>
      {entries && (
        <table className="table table--list" data-testid="audit-table">
          <caption>{entries.length}件(新しい順、最大100件)</caption>
          <thead>
            <tr>
              <th scope="col">連番</th>
              <th scope="col">日時</th>
              <th scope="col">職員</th>
              <th scope="col">拠点・IP</th>
              <th scope="col">操作</th>
              <th scope="col">対象</th>
              <th scope="col">結果</th>
              <th scope="col">件数</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} className={e.result === 'succeeded' ? undefined : 'row--alert'}>
                <td>{e.seq}</td>
                <td>{formatEraDateTime(e.occurredAt)}</td>
                <td>{e.staffNo ?? '—'}</td>
                <td>
                  {e.officeCode ?? '—'} {e.ipAddress ?? ''}
                </td>
                <td>{e.operation}</td>
                <td>{e.subjectType ? `${SUBJECT[e.subjectType as keyof typeof SUBJECT] ?? e.subjectType} ${e.subjectId ?? ''}` : '—'}</td>
                <td>{RESULT[e.result]}</td>
                <td>{e.rowCount ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>改ざんの検査</h2>
      <p>ログ全体のハッシュ連鎖と、データベースの外に保存した署名付きチェックポイントを照合します。</p>
      <button type="button" className="button button--secondary" onClick={() => void verify()}>
        検査する
      </button>
      {report && (
        <div className={`notice ${report.ok ? 'notice--success' : 'notice--error'}`} role="status" data-testid="verify-report">
          <p className="notice__title">{report.ok ? '改ざんは見つかりませんでした' : `${report.problems.length}件の問題が見つかりました`}</p>
          <p>
            {report.entries}件(連番{report.headSeq}まで)、チェックポイント{report.checkpoints}件を検査しました。
          </p>
          {report.problems.length > 0 && (
            <ul>
              {report.problems.map((p) => (
                <li key={`${p.seq}:${p.problem}`}>
                  連番{p.seq}: {p.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
