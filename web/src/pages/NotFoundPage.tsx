/** @module The screen for an address that is no screen of the system, with the way back home. */
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <h1>ページが見つかりません</h1>
      <p>URLを確認するか、左の一覧から業務を選んでください。</p>
      <p>
        <Link to="/">ホームへ戻る</Link>
      </p>
    </>
  );
}
