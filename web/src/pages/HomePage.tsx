/** @module The home screen (ホーム): what the system handles and how large the register is. */
import { Link } from 'react-router';
import { formatCount } from '../format.js';
import { useApi } from '../useApi.js';
import { ProblemNotice } from './ProblemNotice.js';
import type { SystemStatus } from '../../../src/system/model.js';

export function HomePage() {
  const status = useApi<SystemStatus>('/api/v1/system/status');
  return (
    <>
      <h1>ホーム</h1>
      <p>軽自動車等の台帳、申告、賦課、納税通知書、減免、更正、収納状況を扱います。左の一覧から業務を選んでください。</p>
      {status.state === 'failed' && <ProblemNotice problem={status.problem} />}
      {status.state === 'ready' && (
        <dl className="summary">
          <div>
            <dt>登録されている宛名</dt>
            <dd>{formatCount(status.data.register.addressees)}</dd>
          </div>
          <div>
            <dt>現在の車両(最新世代)</dt>
            <dd>{formatCount(status.data.register.currentVehicles)}</dd>
          </div>
        </dl>
      )}
      <p>
        <Link to="/system/status">システム状態を見る</Link>
      </p>
    </>
  );
}
