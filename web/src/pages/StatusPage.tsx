/**
 * @module The system status screen (システム状態): versions, uptime, the database and the register's
 * size.
 */
import { useState } from 'react';
import { formatCount, formatDuration, formatEraDateTime } from '../format.js';
import { useApi } from '../useApi.js';
import { ProblemNotice } from './ProblemNotice.js';
import type { SystemStatus } from '../../../src/system/model.js';


const DATABASE_KIND = { pglite: '組み込み PostgreSQL (PGlite)', postgres: 'PostgreSQL サーバー' } as const;

export function StatusPage() {
  const [reloadKey, setReloadKey] = useState(0);
  const status = useApi<SystemStatus>('/api/v1/system/status', reloadKey);
  const health = useApi<{ status: 'ok' }>('/healthz', reloadKey);
  return (
    <>
      <h1>システム状態</h1>
      <p>
        <button type="button" className="button button--secondary" onClick={() => setReloadKey((k) => k + 1)}>
          最新の状態に更新
        </button>
      </p>
      <h2>稼働確認</h2>
      {health.state === 'loading' && <p>確認中…</p>}
      {health.state === 'ready' && (
        <p className="status-ok" data-testid="health">
          正常に稼働しています(データベース応答あり)
        </p>
      )}
      {health.state === 'failed' && <ProblemNotice problem={health.problem} />}
      <h2>詳細</h2>
      {status.state === 'loading' && <p>読み込み中…</p>}
      {status.state === 'failed' && <ProblemNotice problem={status.problem} />}
      {status.state === 'ready' && (
        <table className="table" data-testid="status-table">
          <tbody>
            <tr>
              <th scope="row">システムのバージョン</th>
              <td>{status.data.version}</td>
            </tr>
            <tr>
              <th scope="row">データベース</th>
              <td>
                {DATABASE_KIND[status.data.database.kind]} {status.data.database.serverVersion}
              </td>
            </tr>
            <tr>
              <th scope="row">適用済みのスキーマ変更</th>
              <td>
                {status.data.database.migrationsApplied}件(最新: {status.data.database.latestMigration ?? 'なし'})
              </td>
            </tr>
            <tr>
              <th scope="row">起動日時</th>
              <td>{formatEraDateTime(status.data.startedAt)}</td>
            </tr>
            <tr>
              <th scope="row">稼働時間</th>
              <td>{formatDuration(status.data.uptimeSeconds)}</td>
            </tr>
            <tr>
              <th scope="row">宛名の件数</th>
              <td>{formatCount(status.data.register.addressees)}</td>
            </tr>
            <tr>
              <th scope="row">車両の件数(最新世代)</th>
              <td>{formatCount(status.data.register.currentVehicles)}</td>
            </tr>
            <tr>
              <th scope="row">Node.js</th>
              <td>{status.data.nodeVersion}</td>
            </tr>
          </tbody>
        </table>
      )}
    </>
  );
}
