/**
 * @module A screen opened by its URL without the permission it needs: no form to fill in and be
 * refused.
 */
import { Link } from 'react-router';
import { PERMISSIONS, type Permission } from '../../../src/access/permissions.js';

export function ForbiddenPage({ permission }: { permission: Permission }) {
  return (
    <>
      <h1>この画面を使う権限がありません</h1>
      <p>この画面には「{PERMISSIONS[permission]}」の権限が必要です。業務で必要な場合は、所属長を通じてシステム管理者に依頼してください。</p>
      <p>
        <Link to="/">ホームへ戻る</Link>
      </p>
    </>
  );
}
