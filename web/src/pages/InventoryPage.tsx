/** @module The periodic user-ID inventory (ユーザーIDの棚卸し, C6). */
import { formatEraDateTime } from '../format.js';
import { useSession } from '../session.js';
import { useApi } from '../useApi.js';
import { ProblemNotice } from './ProblemNotice.js';
import { TableScroll } from './TableScroll.js';
import type { InventoryRow } from '../../../src/staff/model.js';

export function InventoryPage() {
  const rows = useApi<InventoryRow[]>('/api/v1/staff-inventory');
  const { can } = useSession();
  const flagged = rows.state === 'ready' ? rows.data.filter((r) => r.status === 'active' && r.findings.length > 0) : [];
  return (
    <>
      <h1>ユーザーIDの棚卸し</h1>
      <p>一度も使われていないアカウント(作成からの日数)、90日以上サインインのないアカウント、利用期間の過ぎたアカウント、パスキー未登録のアカウントを示します。不要なアカウントは無効にしてください。</p>
      {can('data.export') && (
        <p>
          <a className="button button--secondary" href="/api/v1/staff-inventory.csv" download>
            CSVで出力(出力は記録されます)
          </a>
        </p>
      )}
      {rows.state === 'failed' && <ProblemNotice problem={rows.problem} />}
      {rows.state === 'ready' && (
        <>
          <p data-testid="inventory-summary">
            全{rows.data.length}件のうち、確認が必要な有効アカウント {flagged.length}件
          </p>
          <TableScroll label="棚卸しの一覧">
            <table className="table table--list" data-testid="inventory-table">
              <thead>
                <tr>
                  <th scope="col">職員番号</th>
                  <th scope="col">氏名</th>
                  <th scope="col">役割</th>
                  <th scope="col">状態</th>
                  <th scope="col">最終サインイン</th>
                  <th scope="col">確認事項</th>
                </tr>
              </thead>
              <tbody>
                {rows.data.map((r) => (
                  <tr key={r.staffNo} className={r.status === 'disabled' ? 'row--muted' : undefined}>
                    <td>{r.staffNo}</td>
                    <td className="nowrap">{r.name}</td>
                    <td>{r.roleNames.join('・') || '—'}</td>
                    <td>{r.status === 'active' ? '有効' : '無効'}</td>
                    <td>{r.lastSignInAt ? formatEraDateTime(r.lastSignInAt) : 'なし'}</td>
                    <td>{r.findings.join('・') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
