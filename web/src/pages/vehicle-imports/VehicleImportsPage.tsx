/**
 * @module 送付データの取込み (seed I.1②): upload what 軽自動車検査協会 and 運輸支局 forward, read what
 * the import did, decide the records waiting for a clerk, and cross-check an owner's
 * 車検証閲覧アプリ file against a kei vehicle's record.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { BASIC_ITEM_LABELS, type BasicItem } from '../../../../src/addressees/model.js';
import {
  DECLARATION_TYPE_LABELS,
  REASON_LABELS,
  RECORD_KIND_LABELS,
  SOURCE_LABELS,
  type CertificateApplyResult,
  type CertificateComparison,
  type ImportRecord,
  type ImportReport,
  type ReasonCode,
  type TakenRecordView,
} from '../../../../src/vehicle-imports/model.js';
import { TEXT_LIMITS } from '../../../../src/shared/text.js';
import { fieldError, sendFile } from '../../api.js';
import { formatEraDateTime } from '../../format.js';
import { Field, TextField } from '../../components/Field.js';
import { CandidateLinks, FileProblems, ImportFileForm, ImportSummary, RecentImportsTable, ResolveForm } from '../../components/ImportFile.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { eraDateOrDash, SEX_LABELS } from '../addressees/common.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';

/** The screen at /vehicle-imports. */
export function VehicleImportsPage() {
  const [reloadKey, setReloadKey] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const reload = () => setReloadKey((k) => k + 1);
  return (
    <>
      <h1>送付データの取込み</h1>
      <p>
        軽自動車検査協会(三輪・四輪の軽自動車)と運輸支局(二輪)から送付された申告データ・検査情報(CSV、UTF-8 または Shift_JIS)を取り込みます。所有者は基本4情報で宛名と突合し、特定できたデータはそのまま車両台帳に反映します(新規・名義変更・廃車・変更、検査情報)。所有者を特定できないデータと、台帳が受け付けなかったデータは、理由をつけて「確認待ち」に残ります。同じファイルを再度取り込んでも二重には取り込まれません。
      </p>
      <ImportFileForm<ImportReport>
        id="forwarded"
        label="送付データのファイル"
        hint="CSV(見出し行つき)。申告データ(申告区分の列がある)または検査情報(検査日の列がある)"
        endpoint="/api/v1/vehicle-imports"
        onImported={(result) => {
          setReport(result);
          reload();
        }}
      />
      {report && <Report report={report} />}
      <h2>確認待ちの送付データ</h2>
      <RecordList status="open" reloadKey={reloadKey} onResolved={reload} />
      <h2>反映済みの送付データ</h2>
      <RecordList status="applied" reloadKey={reloadKey} onResolved={reload} />
      <h2>電子車検証(車検証閲覧アプリのファイル)の突合</h2>
      <CertificateCheck />
      <h2>最近の取込み</h2>
      <RecentImports reloadKey={reloadKey} />
    </>
  );
}

function Report({ report }: { report: ImportReport }) {
  return (
    <ImportSummary
      id="forwarded-report"
      title={`取込み結果: ${report.fileName}(${report.recordCount}件)`}
      counts={[
        ['台帳に反映した件数', report.applied],
        ['確認待ちにした件数', report.queued],
        ['取込み済み(変更なし)', report.alreadyTaken],
        ['誤りのある件数', report.invalid],
      ]}
      problems={report.problems}
      problemsCaption="誤りのあるデータ(送付元に確認し、直したファイルを取り込んでください)"
    />
  );
}

function RecordList({ status, reloadKey, onResolved }: { status: 'open' | 'applied'; reloadKey: number; onResolved(): void }) {
  const records = useApi<TakenRecordView[]>(`/api/v1/vehicle-imports/records?status=${status}`, reloadKey);
  if (records.state === 'loading') return <p>読み込み中…</p>;
  if (records.state === 'failed') return <ProblemNotice problem={records.problem} />;
  if (records.data.length === 0) return <p>{status === 'open' ? '確認待ちのデータはありません。' : '反映済みのデータはありません。'}</p>;
  return (
    <TableScroll label={status === 'open' ? '確認待ちの送付データ' : '反映済みの送付データ'}>
      <table className="table table--list" data-testid={`records-${status}`}>
        <thead>
          <tr>
            <th scope="col">データ</th>
            <th scope="col">車両</th>
            <th scope="col">所有者</th>
            <th scope="col">{status === 'open' ? '理由' : '所有者の特定'}</th>
            <th scope="col">{status === 'open' ? '処理' : '台帳'}</th>
          </tr>
        </thead>
        <tbody>
          {records.data.map((r) => (
            <tr key={r.recordId}>
              <td className="nowrap">
                {r.declarationType ? DECLARATION_TYPE_LABELS[r.declarationType] : RECORD_KIND_LABELS[r.recordKind]}
                <div className="muted">{SOURCE_LABELS[r.source]}</div>
                <div className="muted">
                  {eraDateOrDash(r.eventDate)}・{r.rowNo}行目
                </div>
              </td>
              <td>
                {r.plate ?? '(車両番号なし)'}
                <div className="muted">車台番号 {r.chassisNo}</div>
              </td>
              <td>
                {r.owner ? (
                  <>
                    {r.owner.nameKanji}
                    {r.owner.nameKana && `(${r.owner.nameKana})`}
                    <div className="muted">
                      {r.owner.sexCode ? SEX_LABELS[r.owner.sexCode] : '性別なし'}・{eraDateOrDash(r.owner.birthDate)}
                    </div>
                    <div className="muted">{r.owner.address}</div>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {REASON_LABELS[r.reasonCode as ReasonCode] ?? r.reasonCode}
                {r.reasonDetail.differing && r.reasonDetail.differing.length > 0 && <div>一致しない・不明な項目: {r.reasonDetail.differing.map((d) => BASIC_ITEM_LABELS[d as BasicItem] ?? d).join('・')}</div>}
                <CandidateLinks candidates={r.reasonDetail.candidates} />
                {r.reasonDetail.refusal && (
                  <div className="field-error">
                    {r.reasonDetail.refusal.detail}
                    {r.reasonDetail.refusal.errors.length > 0 && (
                      <ul>
                        {r.reasonDetail.refusal.errors.map((e) => (
                          <li key={`${e.field}-${e.message}`}>{e.message}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
                {r.ownerAddresseeNo && (
                  <div>
                    所有者: <Link to={`/addressees/${r.ownerAddresseeNo}`}>{r.ownerAddresseeNo}</Link>
                  </div>
                )}
              </td>
              <td>
                {status === 'open' ? (
                  <Resolve record={r} onResolved={onResolved} />
                ) : (
                  r.appliedDeclarationNo && (
                    <>
                      反映済み: <Link to={`/vehicles/${r.appliedDeclarationNo}`}>申告書番号 {r.appliedDeclarationNo}</Link>(第{r.appliedGeneration}世代)
                      {r.appliedAt && <div className="muted">{formatEraDateTime(r.appliedAt)}</div>}
                    </>
                  )
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A clerk's decision on a queued record: written into the register with its owner (an addressee, or a new non-resident), or set aside. */
function Resolve({ record, onResolved }: { record: TakenRecordView; onResolved(): void }) {
  return (
    <ResolveForm
      id={`resolve-${record.recordId}`}
      endpoint={`/api/v1/vehicle-imports/records/${record.recordId}/resolve`}
      choices={[
        ['apply', record.owner ? '宛名を所有者にして台帳に反映する' : '台帳に反映する'],
        ...(record.owner ? [['register', '住登外者として登録し台帳に反映する'] as ['register', string]] : []),
        ['dismiss', '対象外にする'],
      ]}
      addresseeLabel={record.owner ? '所有者の宛名番号' : '所有者の宛名番号(検査情報では空欄)'}
      candidate={record.ownerAddresseeNo ?? record.reasonDetail.candidates?.[0] ?? ''}
      registerField={{ name: 'nameKana', label: 'フリガナ', initial: record.owner?.nameKana ?? '', maxLength: TEXT_LIMITS.name }}
      onResolved={onResolved}
    />
  );
}

/**
 * The owner's 車検証閲覧アプリ file beside the record: each item, register value and certificate
 * value, differences marked in words; the clerk ticks the differences they confirmed and writes
 * them into the record as a new generation.
 */
function CertificateCheck() {
  const [declarationNo, setDeclarationNo] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [comparison, setComparison] = useState<CertificateComparison | null>(null);
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [applied, setApplied] = useState<CertificateApplyResult | null>(null);
  const { problem, busy, submit } = useSubmit();
  const body = () => new Blob([file ?? new Uint8Array()], { type: 'application/octet-stream' });
  const compareNow = async () => {
    setComparison(await sendFile<CertificateComparison>(`/api/v1/vehicle-imports/certificates/compare?${new URLSearchParams({ declarationNo })}`, body()));
    setConfirmed([]);
  };
  async function compare(event: FormEvent) {
    event.preventDefault();
    setComparison(null);
    setApplied(null);
    await submit(compareNow);
  }
  async function apply() {
    if (!comparison) return;
    await submit(async () => {
      const query = new URLSearchParams({ declarationNo: comparison.declarationNo, generation: String(comparison.generation), confirmed: confirmed.join(',') });
      setApplied(await sendFile<CertificateApplyResult>(`/api/v1/vehicle-imports/certificates/apply?${query}`, body()));
      await compareNow();
    });
  }
  const toggle = (item: string, on: boolean) => setConfirmed((items) => (on ? [...items, item] : items.filter((i) => i !== item)));
  const shown = (value: string | number | null) => (value === null || value === '' ? '—' : String(value));
  return (
    <>
      <form onSubmit={compare} noValidate className="panel">
        {problem && <ProblemNotice problem={problem} />}
        <div className="form-grid">
          <TextField id="certificate-declarationNo" label="申告書番号" required value={declarationNo} onChange={setDeclarationNo} error={fieldError(problem, 'declarationNo')} />
          <Field id="certificate-file" label="車検証閲覧アプリのファイル" required hint="車検証閲覧アプリで出力した JSON ファイル" error={fieldError(problem, 'file')}>
            {(describedBy, invalid) => (
              <input id="certificate-file" type="file" accept=".json,application/json" className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            )}
          </Field>
        </div>
        <FileProblems problem={problem} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? '突合しています…' : '台帳と突合する'}
        </button>
      </form>
      {comparison && (
        <TableScroll label="台帳と車検証の突合">
          <table className="table table--list" data-testid="certificate-comparison">
            <caption>
              申告書番号 {comparison.declarationNo}(第{comparison.generation}世代)と電子車検証 {comparison.certificateNo}
            </caption>
            <thead>
              <tr>
                <th scope="col">項目</th>
                <th scope="col">台帳</th>
                <th scope="col">車検証</th>
                <th scope="col">突合</th>
                <th scope="col">反映</th>
              </tr>
            </thead>
            <tbody>
              {comparison.items.map((i) => (
                <tr key={i.item}>
                  <th scope="row">{i.label}</th>
                  <td>{shown(i.registerValue)}</td>
                  <td>{shown(i.certificateValue)}</td>
                  <td>{i.differs ? <strong>相違あり</strong> : '一致'}</td>
                  <td>
                    {i.differs && i.item !== 'chassisNo' && (
                      <label>
                        <input type="checkbox" checked={confirmed.includes(i.item)} onChange={(e) => toggle(i.item, e.target.checked)} /> 車検証の値にする
                      </label>
                    )}
                  </td>
                </tr>
              ))}
              {comparison.people.map((p) => (
                <tr key={p.role}>
                  <th scope="row">{p.label}</th>
                  <td>{p.register ? `${p.register.name} ${p.register.address}` : '(所有者と同じ)'}</td>
                  <td>{p.certificate ? `${p.certificate.name} ${p.certificate.address}` : '(所有者と同じ・記載なし)'}</td>
                  <td>{p.differs ? <strong>相違あり(名義変更・住所変更の申告を確認)</strong> : '一致'}</td>
                  <td>—</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {comparison && comparison.items.some((i) => i.differs && i.item !== 'chassisNo') && (
        <p>
          <button type="button" className="button button--primary" disabled={busy || confirmed.length === 0} onClick={() => void apply()}>
            {busy ? '反映しています…' : `確認した項目(${confirmed.length}件)を台帳に反映する`}
          </button>
        </p>
      )}
      {applied && (
        <p role="status">
          申告書番号 <Link to={`/vehicles/${applied.declarationNo}`}>{applied.declarationNo}</Link> に {applied.applied.join('・')} を反映しました(第{applied.generation}世代)。
        </p>
      )}
    </>
  );
}

function RecentImports({ reloadKey }: { reloadKey: number }) {
  const imports = useApi<ImportRecord[]>('/api/v1/vehicle-imports', reloadKey);
  if (imports.state === 'loading') return <p>読み込み中…</p>;
  if (imports.state === 'failed') return <ProblemNotice problem={imports.problem} />;
  return (
    <RecentImportsTable
      imports={imports.data}
      columns={[
        ['件数', (i) => i.recordCount],
        ['台帳に反映', (i) => i.applied],
        ['確認待ち', (i) => i.queued],
        ['取込み済み', (i) => i.alreadyTaken],
        ['誤り', (i) => i.invalid],
      ]}
    />
  );
}
