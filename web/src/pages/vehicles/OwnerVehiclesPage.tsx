/**
 * @module 所有者の車両履歴: every generation of every vehicle an addressee owns or owned, across owner
 * changes.
 */
import { Link, useParams } from 'react-router';
import type { HistoryRow } from '../../../../src/vehicles/model.js';
import { useApi } from '../../useApi.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { HistoryTable } from './common.js';

export function OwnerVehiclesPage() {
  const { addresseeNo = '' } = useParams();
  const history = useApi<HistoryRow[]>(`/api/v1/addressees/${encodeURIComponent(addresseeNo)}/vehicles`);
  return (
    <>
      <h1>所有者の車両履歴(宛名番号 {addresseeNo})</h1>
      <p>
        <Link to={`/addressees/${addresseeNo}`}>宛名の詳細を開く</Link>
      </p>
      {history.state === 'loading' && <p role="status">読み込んでいます…</p>}
      {history.state === 'failed' && <ProblemNotice problem={history.problem} />}
      {history.state === 'ready' && (history.data.length === 0 ? <p>この宛名が所有した車両はありません。</p> : <HistoryTable history={history.data} caption="所有した車両の世代(名義変更の前後を含む)" />)}
    </>
  );
}
