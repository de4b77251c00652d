/**
 * @module The checks before mailing (発送前点検) for a supervisor: run the checks on the year's
 * levies, the count per rule, the findings with a filter by rule, each marked 確認済み with a note,
 * the report as CSV and PDF, and the 決裁 that releases the notices once every finding is reviewed.
 */
import { useState, type FormEvent } from 'react';
import { RULE_CODES, RULE_LABELS, type CheckReport, type FindingView, type RuleCode } from '../../../../src/mailing-checks/model.js';
import { fiscalYearOf, japanToday } from '../../../../src/shared/dates.js';
import { formatEraFiscalYear } from '../../../../src/shared/era.js';
import { fieldError, sendJson } from '../../api.js';
import { TextField } from '../../components/Field.js';
import { formatCount, formatEraDateTime } from '../../format.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';

export function MailingChecksPage() {
  const { can } = useSession();
  const [fiscalYear, setFiscalYear] = useState(() => fiscalYearOf(japanToday()));
  const [rule, setRule] = useState<RuleCode | ''>('');
  const [reload, setReload] = useState(0);
  const base = `/api/v1/mailing-checks/${fiscalYear}`;
  const report = useApi<CheckReport>(`${base}${rule ? `?rule=${rule}` : ''}`, reload);
  const running = useSubmit();
  const signing = useSubmit();
  const refresh = () => setReload((n) => n + 1);

  async function runChecks() {
    if (await running.submit(() => sendJson('POST', '/api/v1/mailing-checks', { fiscalYear }))) refresh();
  }
  async function signOff() {
    if (await signing.submit(() => sendJson('POST', `${base}/sign-off`))) refresh();
  }

  const ready = report.state === 'ready' ? report.data : null;
  const signOffBlocked = !ready
    ? '点検を実行してから決裁できます。'
    : ready.release.released
      ? '決裁済みです。'
      : ready.unreviewed > 0
        ? `未確認の指摘が${ready.unreviewed}件あります。すべて確認済みにしてから決裁できます。`
        : null;

  return (
    <>
      <h1>発送前点検</h1>
      <p>当初賦課の課税を発送前に点検します。指摘をすべて確認し、係長・課長が決裁するまで納税通知書は発送(印刷)できません。</p>
      <p>
        <label htmlFor="mailing-check-year">年度</label>{' '}
        <input id="mailing-check-year" type="number" inputMode="numeric" min={2016} max={2200} value={fiscalYear} onChange={(event) => setFiscalYear(Number(event.target.value) || fiscalYear)} />{' '}
        <span>({formatEraFiscalYear(fiscalYear)})</span>{' '}
        {can('levy.assess') && (
          <button type="button" className="button button--primary" disabled={running.busy} onClick={() => void runChecks()}>
            {running.busy ? '点検中…' : '点検を実行'}
          </button>
        )}
      </p>
      {running.problem && <ProblemNotice problem={running.problem} />}
      {report.state === 'failed' && <ProblemNotice problem={report.problem} tone={report.problem.status === 404 ? 'info' : 'error'} />}
      {ready && (
        <>
          <section aria-labelledby="release-heading">
            <h2 id="release-heading">発送の承認</h2>
            <p data-testid="release-state" className={ready.release.released ? 'notice notice--info' : undefined}>
              {ready.release.released
                ? `決裁済み(${ready.release.signedOffByStaffNo ?? ''} ${ready.release.signedOffAt ? formatEraDateTime(ready.release.signedOffAt) : ''})。納税通知書を発送できます。`
                : `未決裁: ${ready.release.heldBecause ?? ''}`}
            </p>
            {can('notice.release') && (
              <>
                <button type="button" className="button button--primary" disabled={signing.busy || signOffBlocked !== null} aria-describedby="sign-off-reason" onClick={() => void signOff()}>
                  決裁(発送を承認)
                </button>
                <p id="sign-off-reason" className="field__hint">
                  {signOffBlocked ?? 'すべての指摘が確認済みです。決裁すると納税通知書を発送できます。'}
                </p>
              </>
            )}
            {signing.problem && <ProblemNotice problem={signing.problem} />}
          </section>
          <p data-testid="check-summary">
            点検番号 {ready.run.checkRunId}(当初賦課 実行番号 {ready.run.assessmentRunId})・{formatEraDateTime(ready.run.checkedAt)}・課税 {formatCount(ready.run.levyCount)}件・未確認 {ready.unreviewed}件
          </p>
          {can('data.export') && (
            <p>
              <a className="button button--secondary" href={`${base}/report.csv${rule ? `?rule=${rule}` : ''}`} download>
                CSVで出力
              </a>{' '}
              <a className="button button--secondary" href={`${base}/report.pdf${rule ? `?rule=${rule}` : ''}`} target="_blank" rel="noreferrer">
                PDFで出力
              </a>{' '}
              (出力は記録されます)
            </p>
          )}
          <TableScroll label="点検項目ごとの件数">
            <table className="table table--list" data-testid="rule-counts">
              <thead>
                <tr>
                  <th scope="col">点検項目</th>
                  <th scope="col">件数</th>
                </tr>
              </thead>
              <tbody>
                {RULE_CODES.map((code) => (
                  <tr key={code}>
                    <td>{RULE_LABELS[code]}</td>
                    <td>{ready.countsByRule[code]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="field">
            <label className="field__label" htmlFor="mailing-check-rule">
              点検項目で絞り込む
            </label>
            <select id="mailing-check-rule" value={rule} onChange={(event) => setRule(event.target.value as RuleCode | '')}>
              <option value="">すべて</option>
              {RULE_CODES.map((code) => (
                <option key={code} value={code}>
                  {RULE_LABELS[code]}
                </option>
              ))}
            </select>
          </div>
          <FindingsTable findings={ready.findings} fiscalYear={fiscalYear} canReview={can('levy.assess') && !ready.release.released && !ready.run.signedOffAt} onReviewed={refresh} />
        </>
      )}
    </>
  );
}

function FindingsTable({ findings, fiscalYear, canReview, onReviewed }: { findings: FindingView[]; fiscalYear: number; canReview: boolean; onReviewed(): void }) {
  if (findings.length === 0) return <p>指摘はありません。</p>;
  return (
    <TableScroll label="指摘の一覧">
      <table className="table table--list" data-testid="findings">
        <thead>
          <tr>
            <th scope="col">番号</th>
            <th scope="col">点検項目</th>
            <th scope="col">申告書番号・通知書番号</th>
            <th scope="col">宛名番号</th>
            <th scope="col">確認すべきこと</th>
            <th scope="col">根拠</th>
            <th scope="col">確認</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <tr key={finding.findingNo} data-rule={finding.ruleCode}>
              <td>{finding.findingNo}</td>
              <td>{finding.ruleLabel}</td>
              <td className="nowrap">
                {finding.declarationNo}
                <br />
                {finding.noticeNo ?? '(課税なし)'}
              </td>
              <td className="nowrap">{finding.taxpayerAddresseeNo}</td>
              <td>{finding.explanation}</td>
              <td>{finding.reason}</td>
              <td>
                {finding.reviewedAt ? (
                  <>
                    確認済み({finding.reviewedByStaffNo} {formatEraDateTime(finding.reviewedAt)}){finding.reviewNote && <>: {finding.reviewNote}</>}
                  </>
                ) : canReview ? (
                  <ReviewForm fiscalYear={fiscalYear} findingNo={finding.findingNo} onDone={onReviewed} />
                ) : (
                  '未確認'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ReviewForm({ fiscalYear, findingNo, onDone }: { fiscalYear: number; findingNo: number; onDone(): void }) {
  const [note, setNote] = useState('');
  const { problem, busy, submit } = useSubmit();
  async function review(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', `/api/v1/mailing-checks/${fiscalYear}/findings/${findingNo}/review`, { note }))) onDone();
  }
  return (
    <form onSubmit={review} noValidate aria-label={`指摘 ${findingNo} の確認`}>
      {problem && <ProblemNotice problem={problem} />}
      <TextField id={`review-${findingNo}-note`} label="確認メモ" maxLength={200} value={note} onChange={setNote} error={fieldError(problem, 'note')} />
      <button type="submit" className="button button--secondary button--small" disabled={busy}>
        確認済みにする
      </button>
    </form>
  );
}
