/**
 * @module 削除した車両 (軽自削除テーブル): what was removed to correct an error, by whom, when and why, and 復元.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PLATE_CLASSES, type PlateClassCode } from '../../../../src/plates/model.js';
import type { DeletedVehicle } from '../../../../src/vehicles/model.js';
import { fieldError, sendJson } from '../../api.js';
import { TextField } from '../../components/Field.js';
import { formatEraDateTime } from '../../format.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';

export function DeletedVehiclesPage() {
  const { can } = useSession();
  const [reload, setReload] = useState(0);
  const [restored, setRestored] = useState<string | null>(null);
  const deleted = useApi<DeletedVehicle[]>('/api/v1/vehicles/deleted', reload);
  return (
    <>
      <h1>削除した車両</h1>
      <p>誤登録として削除した車両です。復元すると、全世代が削除前の状態で台帳に戻ります。</p>
      {restored && (
        <p className="notice notice--success" role="status">
          <Link to={`/vehicles/${restored}`}>申告書番号 {restored}</Link> の車両を復元しました。
        </p>
      )}
      {deleted.state === 'loading' && <p role="status">読み込んでいます…</p>}
      {deleted.state === 'failed' && <ProblemNotice problem={deleted.problem} />}
      {deleted.state === 'ready' && deleted.data.length === 0 && <p>削除した車両はありません。</p>}
      {deleted.state === 'ready' && deleted.data.length > 0 && (
        <TableScroll label="削除した車両">
          <table className="table table--list" data-testid="deleted-vehicles">
            <thead>
              <tr>
                <th scope="col">申告書番号</th>
                <th scope="col">車種</th>
                <th scope="col">標識</th>
                <th scope="col">車台番号</th>
                <th scope="col">世代数</th>
                <th scope="col">削除日時・職員</th>
                <th scope="col">削除の理由</th>
                {can('vehicle.write') && <th scope="col">復元</th>}
              </tr>
            </thead>
            <tbody>
              {deleted.data.map((vehicle) => (
                <tr key={vehicle.declarationNo}>
                  <td className="nowrap">{vehicle.declarationNo}</td>
                  <td>{PLATE_CLASSES[vehicle.vehicleClassCode as PlateClassCode] ?? vehicle.vehicleClassCode}</td>
                  <td className="nowrap">{vehicle.plate || '—'}</td>
                  <td className="nowrap">{vehicle.chassisNo ?? '—'}</td>
                  <td>{vehicle.generations}</td>
                  <td>
                    {formatEraDateTime(vehicle.deletedAt)} {vehicle.deletedByStaffNo}
                  </td>
                  <td>{vehicle.deletionReason}</td>
                  {can('vehicle.write') && (
                    <td>
                      <RestoreForm
                        declarationNo={vehicle.declarationNo}
                        onDone={() => {
                          setRestored(vehicle.declarationNo);
                          setReload((n) => n + 1);
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

function RestoreForm({ declarationNo, onDone }: { declarationNo: string; onDone(): void }) {
  const [reason, setReason] = useState('');
  const { problem, busy, submit } = useSubmit();
  async function restore(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', `/api/v1/vehicles/${declarationNo}/restoration`, { reason }))) onDone();
  }
  return (
    <form onSubmit={restore} noValidate aria-label={`${declarationNo} の復元`}>
      {problem && <ProblemNotice problem={problem} />}
      <TextField id={`restore-${declarationNo}-reason`} label="復元の理由" required maxLength={200} value={reason} onChange={setReason} error={fieldError(problem, 'reason')} />
      <button type="submit" className="button button--secondary button--small" disabled={busy}>
        復元する
      </button>
    </form>
  );
}
