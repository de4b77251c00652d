/**
 * @module 当初賦課 for a supervisor (issue 10): the year's preview against last year, a what-if
 * with a proposed rate, the real run with live progress, the run history with 「再開」, and the
 * reconciliation of the year's levies.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  groupName,
  groupsSideBySide,
  type AssessmentRunView,
  type AssessmentTotals,
  type ClassNames,
  type CountAndSum,
  type GroupDifference,
  type PreviewReport,
  type ReconciliationReport,
  type RunKind,
  type RunStatus,
  type WhatIfReport,
} from '../../../../src/assessment/model.js';
import type { Municipality } from '../../../../src/municipality/model.js';
import { fiscalYearOf, japanToday } from '../../../../src/shared/dates.js';
import { formatEraFiscalYear } from '../../../../src/shared/era.js';
import { getJson, problemOf, sendJson, type Problem } from '../../api.js';
import { TextField } from '../../components/Field.js';
import { formatEraDateTime } from '../../format.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';

const KIND_LABEL: Record<RunKind, string> = { preview: '試算', what_if: '税率の試算', real: '当初賦課' };
const STATUS_LABEL: Record<RunStatus, string> = { running: '実行中', completed: '完了', failed: '失敗', interrupted: '中断' };
const POLL_MS = 1000;

const yen = (n: number) => n.toLocaleString('ja-JP');
const signed = (n: number) => (n > 0 ? `+${yen(n)}` : yen(n));
const countAndSum = (totals: AssessmentTotals): CountAndSum => ({ count: totals.vehicles, amount: totals.amount });

/** The screen at /assessment. */
export function AssessmentPage() {
  const [fiscalYear, setFiscalYear] = useState(String(fiscalYearOf(japanToday())));
  const year = Number(fiscalYear);
  const yearValid = Number.isInteger(year) && year >= 2016 && year <= 2200;
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((k) => k + 1);
  return (
    <>
      <h1>当初賦課</h1>
      <p>4月1日(賦課期日)に車両台帳に登録のある車両に、その年度の税額を課税します。実行の前に「試算」で車種別・税率区分別の台数と税額、前年度との差を確かめてください。試算は課税を書き込みません。</p>
      <TextField
        id="fiscal-year"
        label="年度(西暦)"
        inputMode="numeric"
        value={fiscalYear}
        onChange={setFiscalYear}
        hint={yearValid ? `${formatEraFiscalYear(year)}` : '2016〜2200の西暦で入力してください'}
        error={fiscalYear !== '' && !yearValid ? '年度は2016〜2200の西暦で入力してください' : undefined}
      />
      {yearValid && (
        <>
          <h2>試算(前年度との比較)</h2>
          <Preview fiscalYear={year} />
          <h2>税率を変えた場合の試算</h2>
          <WhatIf fiscalYear={year} />
          <h2>当初賦課の実行</h2>
          <RealRun fiscalYear={year} onChange={reload} reloadKey={reloadKey} />
          <h2>照合</h2>
          <Reconciliation fiscalYear={year} reloadKey={reloadKey} />
        </>
      )}
      <h2>実行履歴</h2>
      <RunHistory reloadKey={reloadKey} />
    </>
  );
}

function Preview({ fiscalYear }: { fiscalYear: number }) {
  const [report, setReport] = useState<PreviewReport | null>(null);
  const { problem, busy, submit } = useSubmit();
  return (
    <>
      <button type="button" className="button button--primary" disabled={busy} onClick={() => void submit(async () => setReport(await sendJson<PreviewReport>('POST', '/api/v1/assessments/preview', { fiscalYear })))}>
        試算
      </button>
      {busy && <p role="status">試算しています…</p>}
      {problem && <ProblemNotice problem={problem} />}
      {report && report.run.fiscalYear === fiscalYear && (
        <>
          <ComparisonTable
            testId="preview-table"
            caption={`前年度の課税と${formatEraFiscalYear(fiscalYear)}の試算`}
            headings={['前年度', '今年度']}
            groups={groupsSideBySide(report.lastYear, report.run.totals)}
            totals={[countAndSum(report.lastYear), countAndSum(report.run.totals)]}
            classNames={report.classNames}
          />
          <p>税額を計算できない車両: {yen(report.run.totals.notComputed)}台(車両台帳の項目が足りません)</p>
        </>
      )}
    </>
  );
}

/** Two sets side by side, before (left) and after (right), a row per class, then per rate case, and the total; the difference is after less before. */
function ComparisonTable({ testId, caption, headings, groups, totals, classNames }: { testId: string; caption: string; headings: [string, string]; groups: GroupDifference[]; totals: [CountAndSum, CountAndSum]; classNames: ClassNames }) {
  const row = (name: string, left: CountAndSum, right: CountAndSum, key: string) => (
    <tr key={key}>
      <th scope="row">{name}</th>
      <td className="numeric">{yen(left.count)}</td>
      <td className="numeric">{yen(left.amount)}</td>
      <td className="numeric">{yen(right.count)}</td>
      <td className="numeric">{yen(right.amount)}</td>
      <td className="numeric">{signed(right.count - left.count)}</td>
      <td className="numeric">{signed(right.amount - left.amount)}</td>
    </tr>
  );
  return (
    <TableScroll label={caption}>
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            <th scope="col">{headings[0]} 台数</th>
            <th scope="col">{headings[0]} 税額(円)</th>
            <th scope="col">{headings[1]} 台数</th>
            <th scope="col">{headings[1]} 税額(円)</th>
            <th scope="col">差 台数</th>
            <th scope="col">差 税額(円)</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => row(g.group === 'class' ? groupName(g, classNames) : `[税率] ${groupName(g, classNames)}`, g.left, g.right, `${g.group}:${g.key}`))}
          {row('合計', totals[0], totals[1], 'total')}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A proposed ordinance: the multiplier of the standard rates (条例で1.5倍まで, 地方税法第463条の15第2項)
 * and the small special vehicles' rates in yen (条例で定める, 同条第3項), as the override file
 * (config/tax-overrides) holds them — the national rates themselves are law, not the city's.
 */
function WhatIf({ fiscalYear }: { fiscalYear: number }) {
  const municipality = useApi<Municipality>('/api/v1/municipality');
  const [multiplier, setMultiplier] = useState('1');
  const [farm, setFarm] = useState('');
  const [other, setOther] = useState('');
  const [report, setReport] = useState<WhatIfReport | null>(null);
  const { problem, busy, submit } = useSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (municipality.state !== 'ready') return;
    const period = (value: unknown) => [{ from: fiscalYear, to: fiscalYear, value, citation: '試算(条例改正案)', confidence: 'M' }];
    const smallSpecial = farm !== '' || other !== '' ? { 'rates.smallSpecial': period({ small_special_farm: Number(farm || 2400), small_special_other: Number(other || 5900) }) } : {};
    const overrides = { municipalityCode: municipality.data.code, name: municipality.data.name, parameters: { 'rates.multiplier': period(Number(multiplier)), ...smallSpecial } };
    void submit(async () => setReport(await sendJson<WhatIfReport>('POST', '/api/v1/assessments/what-if', { fiscalYear, overrides })));
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextField id="what-if-multiplier" label="標準税率に対する倍率" inputMode="numeric" value={multiplier} onChange={setMultiplier} hint="条例で1.5倍まで(小数第2位まで)。例: 1.25" />
      <TextField id="what-if-farm" label="小型特殊自動車 農耕作業用の税率(年額・円)" inputMode="numeric" value={farm} onChange={setFarm} hint="空欄なら現行(2,400円)" />
      <TextField id="what-if-other" label="小型特殊自動車 その他の税率(年額・円)" inputMode="numeric" value={other} onChange={setOther} hint="空欄なら現行(5,900円)" />
      <button type="submit" className="button" disabled={busy || municipality.state !== 'ready'}>
        この税率で試算
      </button>
      {problem && <ProblemNotice problem={problem} fieldPrefix="what-if" />}
      {report && (
        <>
          <p data-testid="what-if-summary">
            税収の差: {signed(report.revenueDifference)}円。税額が増える納税義務者 {yen(report.taxpayersPayingMore)}人、減る納税義務者 {yen(report.taxpayersPayingLess)}人。
          </p>
          <ComparisonTable
            testId="what-if-table"
            caption="車種別の税収(現行と試算)"
            headings={['現行', '試算']}
            groups={report.byClass}
            totals={[
              { count: report.run.totals.vehicles, amount: report.run.totals.amount - report.revenueDifference },
              countAndSum(report.run.totals),
            ]}
            classNames={report.classNames}
          />
        </>
      )}
    </form>
  );
}

/** Polls a run until it is no longer running; answers its latest view as it goes. */
function useRunProgress(runId: number | null, onDone: () => void): { run: AssessmentRunView | null; problem: Problem | null } {
  const [run, setRun] = useState<AssessmentRunView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (runId === null) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      getJson<AssessmentRunView>(`/api/v1/assessments/${runId}`).then(
        (view) => {
          if (!current) return;
          setRun(view);
          if (view.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
          else onDone();
        },
        (error: unknown) => current && setProblem(problemOf(error)),
      );
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // onDone is the page's reload: a new function each render doing the same work, so only a new run restarts the poll.
  }, [runId]);
  return { run, problem };
}

function ProgressBar({ run }: { run: AssessmentRunView }) {
  const expected = run.vehiclesExpected ?? 0;
  return (
    <div data-testid="run-progress">
      <progress max={Math.max(expected, 1)} value={expected === 0 ? 1 : run.vehiclesDone} aria-label="当初賦課の進み具合" />
      <p role="status">
        実行番号 {run.runId}: {STATUS_LABEL[run.status]} {yen(run.vehiclesDone)}/{yen(expected)}台{run.status === 'completed' && `(${yen(run.totals.vehicles)}台 ${yen(run.totals.amount)}円を課税)`}
      </p>
      {run.failure && <p className="field-error">{run.failure}</p>}
    </div>
  );
}

function RealRun({ fiscalYear, onChange, reloadKey }: { fiscalYear: number; onChange(): void; reloadKey: number }) {
  const [runId, setRunId] = useState<number | null>(null);
  const { problem, busy, submit } = useSubmit();
  const progress = useRunProgress(runId, onChange);
  const start = (resume: boolean) =>
    void submit(async () => {
      const started = await sendJson<AssessmentRunView>('POST', '/api/v1/assessments', { fiscalYear, resume });
      setRunId(started.runId);
      onChange();
    });
  const history = useApi<AssessmentRunView[]>('/api/v1/assessments', reloadKey);
  const stopped = history.state === 'ready' ? history.data.find((run) => run.kind === 'real' && run.fiscalYear === fiscalYear && (run.status === 'interrupted' || run.status === 'failed')) : undefined;
  return (
    <>
      <p>{formatEraFiscalYear(fiscalYear)}の課税を書き込みます。同じ年度をもう一度実行しても、課税が二重になることはありません。</p>
      <button
        type="button"
        className="button button--primary"
        disabled={busy || progress.run?.status === 'running'}
        onClick={() => {
          if (window.confirm(`${fiscalYear}年度(${formatEraFiscalYear(fiscalYear)})の当初賦課を実行します。よろしいですか。`)) start(false);
        }}
      >
        当初賦課を実行
      </button>
      {stopped && (
        <button type="button" className="button" disabled={busy} onClick={() => start(true)}>
          再開(実行番号 {stopped.runId}、{STATUS_LABEL[stopped.status]})
        </button>
      )}
      {problem && <ProblemNotice problem={problem} />}
      {progress.problem && <ProblemNotice problem={progress.problem} />}
      {progress.run && <ProgressBar run={progress.run} />}
    </>
  );
}

function Reconciliation({ fiscalYear, reloadKey }: { fiscalYear: number; reloadKey: number }) {
  const report = useApi<ReconciliationReport>(`/api/v1/assessments/reconciliation/${fiscalYear}`, reloadKey);
  if (report.state === 'loading') return <p>読み込み中…</p>;
  if (report.state === 'failed') return <ProblemNotice problem={report.problem} tone={report.problem.status === 404 ? 'info' : 'error'} />;
  const r = report.data;
  if (r.agrees) {
    return (
      <p data-testid="reconciliation">
        照合: 一致(実行番号 {r.runId} の集計 {yen(r.stored.vehicles)}台 {yen(r.stored.amount)}円と、課税の記録が一致しています)
      </p>
    );
  }
  return (
    <div data-testid="reconciliation">
      <p className="field-error">照合: 不一致。次の区分で、実行の集計と課税の記録が違います。</p>
      <ComparisonTable testId="reconciliation-table" caption="実行の集計と課税の記録" headings={['実行の集計', '課税の記録']} groups={r.differences} totals={[countAndSum(r.stored), countAndSum(r.recomputed)]} classNames={r.classNames} />
    </div>
  );
}

function RunHistory({ reloadKey }: { reloadKey: number }) {
  const runs = useApi<AssessmentRunView[]>('/api/v1/assessments', reloadKey);
  if (runs.state === 'loading') return <p>読み込み中…</p>;
  if (runs.state === 'failed') return <ProblemNotice problem={runs.problem} />;
  if (runs.data.length === 0) return <p>まだ実行していません。</p>;
  return (
    <TableScroll label="実行履歴">
      <table className="table table--list" data-testid="run-history">
        <thead>
          <tr>
            <th scope="col">実行番号</th>
            <th scope="col">年度</th>
            <th scope="col">種類</th>
            <th scope="col">状態</th>
            <th scope="col">実行者</th>
            <th scope="col">開始・終了</th>
            <th scope="col">台数</th>
            <th scope="col">税額(円)</th>
          </tr>
        </thead>
        <tbody>
          {runs.data.map((run) => (
            <tr key={run.runId}>
              <td>{run.runId}</td>
              <td className="nowrap">{formatEraFiscalYear(run.fiscalYear)}</td>
              <td>{KIND_LABEL[run.kind]}</td>
              <td>{STATUS_LABEL[run.status]}</td>
              <td>{run.startedByName ?? run.startedByStaffNo ?? '—'}</td>
              <td className="nowrap">
                {formatEraDateTime(run.startedAt)}
                <div className="muted">{run.finishedAt ? formatEraDateTime(run.finishedAt) : '—'}</div>
              </td>
              <td className="numeric">{yen(run.totals.vehicles)}</td>
              <td className="numeric">{yen(run.totals.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
