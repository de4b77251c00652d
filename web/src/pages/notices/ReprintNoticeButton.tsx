/**
 * @module 納税通知書の再発行 on the taxpayer's screen: this fiscal year's notice of the taxpayer,
 * printed again and marked 再発行 (audited on the server). As with certificates, the PDF is offered
 * as a file to save and print: the screens' content security policy keeps the browser's PDF
 * viewer off a blob: page. No notice yet (before the initial assessment) shows as the API words it.
 */
import { useEffect, useState } from 'react';
import { fiscalYearOf, japanToday } from '../../../../src/shared/dates.js';
import { formatEraFiscalYear } from '../../../../src/shared/era.js';
import { getDocument } from '../../api.js';
import { useSession } from '../../session.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';

export function ReprintNoticeButton({ addresseeNo }: { addresseeNo: string }) {
  const { can } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  const { problem, busy, submit } = useSubmit();
  // A PDF of personal data stays in memory only while its link is shown.
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  if (!can('notice.print') || !can('levy.read')) return null;
  const fiscalYear = fiscalYearOf(japanToday());
  const reprint = () =>
    submit(async () => {
      setUrl(URL.createObjectURL(await getDocument(`/api/v1/notices/${fiscalYear}/taxpayers/${addresseeNo}.pdf`)));
    });
  return (
    <>
      <div className="actions">
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void reprint()}>
          納税通知書({formatEraFiscalYear(fiscalYear)})を再発行
        </button>
      </div>
      {problem && <ProblemNotice problem={problem} />}
      {url && (
        <p className="notice notice--success" role="status">
          納税通知書を再発行しました。{' '}
          <a href={url} download={`notice-${fiscalYear}-${addresseeNo}-reprint.pdf`} data-testid="notice-reprint-pdf">
            PDFを保存して印刷する
          </a>
        </p>
      )}
    </>
  );
}
