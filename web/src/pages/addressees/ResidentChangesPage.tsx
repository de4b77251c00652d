/**
 * @module 住民異動の取込み (C16): upload the registry's change file, read what it did, then work the rows
 * waiting for a clerk.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { BASIC_ITEM_LABELS, type BasicItem } from '../../../../src/addressees/model.js';
import { CHANGE_TYPE_LABELS, REVIEW_REASON_LABELS } from '../../../../src/resident-changes/model.js';
import { CandidateLinks, ImportFileForm, ImportSummary, RecentImportsTable, ResolveForm } from '../../components/ImportFile.js';
import { useApi } from '../../useApi.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';
import { eraDateOrDash, SEX_LABELS, type ImportRecord, type ImportReport as Report, type ResidentChangeReviewView } from './common.js';

export function ResidentChangesPage() {
  const [reloadKey, setReloadKey] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const imports = useApi<ImportRecord[]>('/api/v1/resident-changes/imports', reloadKey);
  return (
    <>
      <p>
        <Link to="/addressees">← 宛名の検索へ戻る</Link>
      </p>
      <h1>住民異動の取込み</h1>
      <p>
        住民記録システムが出力した異動ファイル(CSV、UTF-8 または Shift_JIS)を取り込み、個人番号で宛名を特定して更新します。同じファイルを再度取り込んでも二重には反映されません。一致しない行は「確認待ち」に残ります。
      </p>
      <ImportFileForm<Report>
        id="resident"
        label="異動ファイル"
        hint="CSV(見出し行つき)。列: 異動区分・異動日・個人番号・旧個人番号・氏名・氏名カナ・性別・生年月日・郵便番号・住所コード・住所"
        endpoint="/api/v1/resident-changes/imports"
        onImported={(result) => {
          setReport(result);
          setReloadKey((k) => k + 1);
        }}
      />
      {report && <ImportReport report={report} />}
      <h2 id="reviews">確認待ちの異動</h2>
      <ReviewQueue reloadKey={reloadKey} onResolved={() => setReloadKey((k) => k + 1)} />
      <h2>最近の取込み</h2>
      {imports.state === 'failed' && <ProblemNotice problem={imports.problem} />}
      {imports.state === 'ready' && (
        <RecentImportsTable
          imports={imports.data}
          columns={[
            ['行数', (i) => i.rowCount],
            ['反映', (i) => i.applied],
            ['反映済み', (i) => i.alreadyApplied],
            ['確認待ち', (i) => i.queued + i.alreadyQueued],
            ['誤り', (i) => i.invalid],
          ]}
        />
      )}
    </>
  );
}

function ImportReport({ report }: { report: Report }) {
  return (
    <ImportSummary
      id="import-report"
      title={`取込み結果: ${report.fileName}`}
      counts={[
        ['反映', report.applied],
        ['反映済み(変更なし)', report.alreadyApplied],
        ['確認待ちに追加', report.queued],
        ['確認待ち(既存)', report.alreadyQueued],
        ['誤りのある行', report.invalid],
      ]}
      problems={report.problems}
      problemsCaption="誤りのある行(住民記録側で直して再送してください)"
    />
  );
}

function ReviewQueue({ reloadKey, onResolved }: { reloadKey: number; onResolved(): void }) {
  const reviews = useApi<ResidentChangeReviewView[]>('/api/v1/resident-changes/reviews?status=open', reloadKey);
  if (reviews.state === 'loading') return <p>読み込み中…</p>;
  if (reviews.state === 'failed') return <ProblemNotice problem={reviews.problem} />;
  if (reviews.data.length === 0) return <p>確認待ちの異動はありません。</p>;
  return (
    <TableScroll label="確認待ちの異動">
      <table className="table table--list" data-testid="review-queue">
        <thead>
          <tr>
            <th scope="col">異動</th>
            <th scope="col">氏名・生年月日</th>
            <th scope="col">住所</th>
            <th scope="col">理由</th>
            <th scope="col">処理</th>
          </tr>
        </thead>
        <tbody>
          {reviews.data.map((r) => (
            <tr key={r.reviewId}>
              <td className="nowrap">
                {CHANGE_TYPE_LABELS[r.changeType]}
                <div className="muted">異動日 {eraDateOrDash(r.effectiveDate)}</div>
                <div className="muted">{r.rowNo}行目</div>
              </td>
              <td>
                {r.nameKanji}({r.nameKana})
                <div className="muted">
                  {SEX_LABELS[r.sexCode]}・{eraDateOrDash(r.birthDate)}・{r.maskedIndividualNumber}
                </div>
              </td>
              <td>{r.address}</td>
              <td>
                {REVIEW_REASON_LABELS[r.reasonCode as keyof typeof REVIEW_REASON_LABELS] ?? r.reasonCode}
                {r.reasonDetail.differing && <div>一致しない項目: {r.reasonDetail.differing.map((d) => BASIC_ITEM_LABELS[d as BasicItem] ?? d).join('・')}</div>}
                <CandidateLinks candidates={r.reasonDetail.candidates} />
              </td>
              <td>
                <Resolve review={r} onResolved={onResolved} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A clerk's decision on one row: apply it to an addressee, register the person (arrivals), or set it aside. */
function Resolve({ review, onResolved }: { review: ResidentChangeReviewView; onResolved(): void }) {
  const arrival = review.changeType === 'moved_in' || review.changeType === 'birth';
  return (
    <ResolveForm
      id={`resolve-${review.reviewId}`}
      endpoint={`/api/v1/resident-changes/reviews/${review.reviewId}/resolve`}
      choices={[['apply', '宛名に適用する'], ...(arrival ? [['register', '新しい住民として登録する'] as ['register', string]] : []), ['dismiss', '対象外にする']]}
      addresseeLabel="適用する宛名番号"
      candidate={review.reasonDetail.candidates?.[0] ?? ''}
      onResolved={onResolved}
    />
  );
}
