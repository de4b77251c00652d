/**
 * @module 課税台帳・課税状況調: the year picked, the survey's table (台数・税額 by class and rate
 * case, 減免, 課税保留, 非課税, 税止め), the ledger searched by 宛名番号, 申告書番号 or 通知書番号
 * and paged, and the downloads (CSV in UTF-8 or Shift_JIS, PDF).
 */
import { useRef, useState, type FormEvent } from 'react';
import { fiscalYearOf, japanToday } from '../../../../src/shared/dates.js';
import { formatEraFiscalYear } from '../../../../src/shared/era.js';
import { RATE_CASE_LABEL, RATE_CASES, type LedgerEntry, type LedgerPage, type SurveyReport } from '../../../../src/tax-ledger/model.js';
import { fieldError, getJson } from '../../api.js';
import { Field, TextField } from '../../components/Field.js';
import { formatCount, formatEraDate } from '../../format.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';

const FIRST_YEAR = 2016;

interface Criteria {
  addresseeNo: string;
  declarationNo: string;
  noticeNo: string;
}
const EMPTY: Criteria = { addresseeNo: '', declarationNo: '', noticeNo: '' };

const queryOf = (values: Record<string, string>) => new URLSearchParams(Object.entries(values).filter(([, value]) => value.trim() !== '')).toString();

export function TaxLedgerPage() {
  const { can } = useSession();
  const thisYear = fiscalYearOf(japanToday());
  const [fiscalYear, setFiscalYear] = useState(thisYear);
  const years = Array.from({ length: thisYear + 1 - FIRST_YEAR + 1 }, (_, i) => thisYear + 1 - i);
  return (
    <>
      <h1>課税台帳・課税状況調</h1>
      <div className="panel">
        <Field id="ledger-fiscalYear" label="年度">
          {(describedBy) => (
            <select id="ledger-fiscalYear" className="input" value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))} aria-describedby={describedBy}>
              {years.map((year) => (
                <option key={year} value={year}>
                  {formatEraFiscalYear(year)}({year}年度)
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Survey key={`survey-${fiscalYear}`} fiscalYear={fiscalYear} />
      <Ledger key={`ledger-${fiscalYear}`} fiscalYear={fiscalYear} canExport={can('data.export')} />
    </>
  );
}

function Survey({ fiscalYear }: { fiscalYear: number }) {
  const report = useApi<SurveyReport>(`/api/v1/tax-ledger/${fiscalYear}/survey`);
  const base = `/api/v1/tax-ledger/${fiscalYear}/survey`;
  return (
    <section aria-labelledby="survey-heading">
      <h2 id="survey-heading">課税状況調({formatEraFiscalYear(fiscalYear)}、賦課期日 {formatEraDate(`${fiscalYear}-04-01`)}現在)</h2>
      <p className="actions">
        <a className="button button--secondary" href={`${base}.csv?encoding=utf-8`} download data-testid="survey-csv">
          CSV(UTF-8)
        </a>
        <a className="button button--secondary" href={`${base}.csv?encoding=shift_jis`} download>
          CSV(Shift_JIS)
        </a>
        <a className="button button--secondary" href={`${base}.pdf`} download>
          PDF(A4横)
        </a>
      </p>
      {report.state === 'loading' && <p>集計しています…</p>}
      {report.state === 'failed' && <ProblemNotice problem={report.problem} />}
      {report.state === 'ready' && (
        <>
          <p role="status" data-testid="survey-levies">
            課税の記録 {formatCount(report.data.levies.count)}・当初税額 {report.data.levies.amount.toLocaleString('ja-JP')}円から集計
          </p>
          <TableScroll label="課税状況調">
            <table className="table table--list" data-testid="survey-table">
              <thead>
                <tr>
                  <th scope="col">車種</th>
                  {RATE_CASES.map((rateCase) => (
                    <th scope="col" key={rateCase}>
                      {RATE_CASE_LABEL[rateCase]}
                    </th>
                  ))}
                  <th scope="col">課税 計</th>
                  <th scope="col">減免</th>
                  <th scope="col">課税保留</th>
                  <th scope="col">非課税</th>
                  <th scope="col">税止め</th>
                </tr>
              </thead>
              <tbody>
                {report.data.rows.map((row) => (
                  <tr key={`${row.kind}-${row.key}`} className={row.kind === 'class' ? undefined : 'row--total'} data-testid={row.kind === 'total' ? 'survey-total' : undefined}>
                    <th scope="row">{row.label}</th>
                    {RATE_CASES.map((rateCase) => (
                      <td key={rateCase} className="number">
                        <CountAndAmount {...row.byRateCase[rateCase]} />
                      </td>
                    ))}
                    <td className="number" data-testid={row.kind === 'total' ? 'survey-total-amount' : undefined}>
                      <CountAndAmount {...row.levied} />
                    </td>
                    <td className="number">
                      <CountAndAmount {...row.reductions} />
                    </td>
                    <td className="number">{row.taxHold.toLocaleString('ja-JP')}台</td>
                    <td className="number">{row.nonTaxable.toLocaleString('ja-JP')}台</td>
                    <td className="number">{row.taxStopped.toLocaleString('ja-JP')}台</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

function CountAndAmount({ count, amount }: { count: number; amount: number }) {
  return (
    <>
      {count.toLocaleString('ja-JP')}台
      <br />
      {amount.toLocaleString('ja-JP')}円
    </>
  );
}

/** The ledger's search: the last result kept while the year stays the same. */
function Ledger({ fiscalYear, canExport }: { fiscalYear: number; canExport: boolean }) {
  const [criteria, setCriteria] = useState<Criteria>(EMPTY);
  const [searched, setSearched] = useState<Criteria | null>(null);
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const { problem, busy, submit } = useSubmit();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const set = (key: keyof Criteria) => (value: string) => setCriteria((c) => ({ ...c, [key]: value }));
  const base = `/api/v1/tax-ledger/${fiscalYear}/levies`;

  async function load(filter: Criteria, after: string | null) {
    await submit(async () => {
      const page = await getJson<LedgerPage>(`${base}?${queryOf({ ...filter, ...(after ? { after } : {}) })}`);
      setEntries((shown) => (after ? [...shown, ...page.entries] : page.entries));
      setNext(page.next);
      setSearched(filter);
      if (!after) resultHeading.current?.focus();
    });
  }

  function search(event: FormEvent) {
    event.preventDefault();
    void load(criteria, null);
  }

  const exportQuery = searched ? queryOf({ ...searched }) : '';
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">課税台帳({formatEraFiscalYear(fiscalYear)})</h2>
      <form onSubmit={search} noValidate className="panel" role="search" aria-label="課税台帳の検索">
        <p>条件を入れずに検索すると、通知書番号の順に全件を表示します。表示と出力は記録されます。</p>
        {problem && <ProblemNotice problem={problem} fieldPrefix="ledger" />}
        <div className="form-grid">
          <TextField id="ledger-addresseeNo" label="宛名番号(納税義務者)" hint="15桁" inputMode="numeric" value={criteria.addresseeNo} onChange={set('addresseeNo')} error={fieldError(problem, 'addresseeNo')} />
          <TextField id="ledger-declarationNo" label="申告書番号" hint="例: 2026-000123" value={criteria.declarationNo} onChange={set('declarationNo')} error={fieldError(problem, 'declarationNo')} />
          <TextField id="ledger-noticeNo" label="通知書番号" hint="12桁" inputMode="numeric" value={criteria.noticeNo} onChange={set('noticeNo')} error={fieldError(problem, 'noticeNo')} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? '検索しています…' : '検索'}
          </button>
          {canExport && (
            <>
              <a className="button button--secondary" href={`${base}.csv?${queryOf({ ...(searched ?? EMPTY), encoding: 'utf-8' })}`} download data-testid="ledger-csv">
                {searched && exportQuery ? '検索結果を' : '全件を'}CSV(UTF-8)
              </a>
              <a className="button button--secondary" href={`${base}.csv?${queryOf({ ...(searched ?? EMPTY), encoding: 'shift_jis' })}`} download>
                CSV(Shift_JIS)
              </a>
              <a className="button button--secondary" href={`${base}.pdf?${exportQuery}`} download>
                PDF(A4横)
              </a>
            </>
          )}
        </div>
        {canExport && <p className="field__hint">Shift_JIS で表せない文字(𠮷 など)がある場合、文字を失わないよう出力せずに該当箇所をお知らせします。その場合は UTF-8 で出力してください。</p>}
      </form>
      <h3 ref={resultHeading} tabIndex={-1}>
        検索結果
      </h3>
      {searched && entries.length === 0 && <p role="status">該当する課税はありません。</p>}
      {entries.length > 0 && (
        <>
          <p role="status">
            {formatCount(entries.length)}{next ? '(続きがあります)' : ''}
          </p>
          <TableScroll label="課税台帳">
            <table className="table table--list" data-testid="ledger-table">
              <thead>
                <tr>
                  <th scope="col">通知書番号</th>
                  <th scope="col">宛名番号</th>
                  <th scope="col">納税義務者</th>
                  <th scope="col">申告書番号</th>
                  <th scope="col">車種</th>
                  <th scope="col">標識番号</th>
                  <th scope="col">税率の区分</th>
                  <th scope="col">当初税額</th>
                  <th scope="col">税額</th>
                  <th scope="col">納期限</th>
                  <th scope="col">異動事由</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={`${entry.noticeNo}-${entry.declarationNo}`}>
                    <td>{entry.noticeNo}</td>
                    <td>{entry.addresseeNo}</td>
                    <td className="nowrap">{entry.taxpayerName}</td>
                    <td>{entry.declarationNo}</td>
                    <td>{entry.classLabel}</td>
                    <td className="nowrap">{entry.plate || '—'}</td>
                    <td>{entry.rateCaseLabel}</td>
                    <td className="number">{entry.originalAmount.toLocaleString('ja-JP')}円</td>
                    <td className="number">{entry.amount.toLocaleString('ja-JP')}円</td>
                    <td className="nowrap">{entry.dueDate ? formatEraDate(entry.dueDate) : '—'}</td>
                    <td>{entry.changeReason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {next && searched && (
            <p>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void load(searched, next)}>
                続きを表示
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
