/**
 * @module The auditor's screen: who looked at whom and when, what a staff member did; export;
 * verify.
 */
import { useState, type FormEvent } from 'react';
import { fieldError, getJson, problemOf, sendJson, type Problem } from '../api.js';
import { DateField } from '../components/DateField.js';
import { Field, TextField } from '../components/Field.js';
import { formatEraDateTime } from '../format.js';
import { AUDIT_OPERATION_LABELS, AUDIT_RESULT_LABELS, AUDIT_SUBJECT_LABELS, auditOperationLabel, type AuditEntryView, type AuditSubjectType, type VerifyReport } from '../../../src/audit/model.js';
import { PERMISSIONS, type Permission } from '../../../src/access/permissions.js';
import { isRoleCode, ROLES } from '../../../src/access/roles.js';
import { REVEAL_REASONS, type RevealRecord } from '../../../src/integrated-addressees/model.js';
import { useSession } from '../session.js';
import { ProblemNotice } from './ProblemNotice.js';
import { TableScroll } from './TableScroll.js';

type Entry = AuditEntryView;

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
      {problem && <ProblemNotice problem={problem} fieldPrefix="audit" />}
      <form onSubmit={search} noValidate className="form-grid">
        <TextField id="audit-staffNo" label="職員番号" value={criteria.staffNo} onChange={set('staffNo')} maxLength={12} error={fieldError(problem, 'staffNo')} />
        <Field id="audit-subjectType" label="対象の種類">
          {(describedBy) => (
            <select id="audit-subjectType" className="input" value={criteria.subjectType} onChange={(e) => set('subjectType')(e.target.value)} aria-describedby={describedBy}>
              <option value="">すべて</option>
              {Object.entries(AUDIT_SUBJECT_LABELS).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField id="audit-subjectId" label="対象の番号" hint="宛名番号・申告書番号・職員番号など" value={criteria.subjectId} onChange={set('subjectId')} maxLength={40} error={fieldError(problem, 'subjectId')} />
        <Field id="audit-operation" label="操作">
          {(describedBy) => (
            <select id="audit-operation" className="input" value={criteria.operation} onChange={(e) => set('operation')(e.target.value)} aria-describedby={describedBy}>
              <option value="">すべて</option>
              {Object.entries(AUDIT_OPERATION_LABELS).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-result" label="結果">
          {(describedBy) => (
            <select id="audit-result" className="input" value={criteria.result} onChange={(e) => set('result')(e.target.value)} aria-describedby={describedBy}>
              <option value="">すべて</option>
              {Object.entries(AUDIT_RESULT_LABELS).map(([code, name]) => (
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
        <TableScroll label="監査ログの検索結果">
          <table className="table table--list" data-testid="audit-table">
            <caption>{entries.length}件(新しい順、最大100件)。日時は日本時間です。</caption>
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
                <th scope="col">詳細</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} className={e.result === 'succeeded' ? undefined : 'row--alert'}>
                  <td>{e.seq}</td>
                  <td className="nowrap">{formatEraDateTime(e.occurredAt)}</td>
                  <td>{e.staffNo ?? '—'}</td>
                  <td>
                    {e.officeCode ?? '—'} {e.ipAddress ?? ''}
                  </td>
                  <td>
                    {auditOperationLabel(e.operation)}
                    <span className="table__code">{e.operation}</span>
                  </td>
                  <td>{e.subjectType ? `${AUDIT_SUBJECT_LABELS[e.subjectType as AuditSubjectType] ?? e.subjectType} ${e.subjectId ?? ''}` : '—'}</td>
                  <td className="nowrap">{AUDIT_RESULT_LABELS[e.result]}</td>
                  <td>{e.rowCount ?? '—'}</td>
                  <td>
                    <EntryDetail detail={e.detail} succeeded={e.result === 'succeeded'} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
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
                  {p.seq === 0 ? 'チェックポイントファイル' : `連番${p.seq}`}: {p.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

const isPermission = (value: unknown): value is Permission => typeof value === 'string' && value in PERMISSIONS;
const isRevealReason = (value: unknown): value is keyof typeof REVEAL_REASONS => typeof value === 'string' && value in REVEAL_REASONS;

/**
 * What an auditor needs from an entry's detail, in words: the missing permission of a refusal,
 * and a reveal's reason — its category at once, the clerk's own words on request (that look is
 * itself audited, as the words may name people).
 */
function EntryDetail({ detail, succeeded }: { detail: Entry['detail']; succeeded: boolean }) {
  const [record, setRecord] = useState<RevealRecord | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  if (!detail) return <>—</>;
  const revealId = typeof detail.revealId === 'string' ? detail.revealId : null;
  const roleNames = (codes: unknown) => (Array.isArray(codes) ? codes.filter(isRoleCode).map((code) => ROLES[code].nameJa).join('・') : '');
  const added = roleNames(detail.added);
  const removed = roleNames(detail.removed);
  if (!isPermission(detail.permission) && typeof detail.status !== 'number' && !added && !removed && !isRevealReason(detail.reasonCode) && !revealId) return <>—</>;
  return (
    <>
      {isPermission(detail.permission) && <p>不足する権限: {PERMISSIONS[detail.permission]}</p>}
      {typeof detail.status === 'number' && <p>応答コード {detail.status}</p>}
      {added && <p>{succeeded ? '追加した役割' : '追加しようとした役割'}: {added}</p>}
      {removed && <p>{succeeded ? '外した役割' : '外そうとした役割'}: {removed}</p>}
      {isRevealReason(detail.reasonCode) && <p>理由の区分: {REVEAL_REASONS[detail.reasonCode]}</p>}
      {record && <p data-testid="reveal-reason">理由: {record.reason}</p>}
      {problem && <p className="field__error">{problem.detail}</p>}
      {revealId && !record && (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            void getJson<RevealRecord>(`/api/v1/individual-number-reveals/${encodeURIComponent(revealId)}`).then(setRecord, (error: unknown) => setProblem(problemOf(error)))
          }
        >
          理由の文言を表示
        </button>
      )}
    </>
  );
}
