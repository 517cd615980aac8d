import { Link } from 'react-router';
import { Page } from '../components/Page';

export function NotFoundPage() {
  return (
    <Page title="ページが見つかりません">
      <p>お探しのページは見つかりませんでした。URL を確かめるか、メニューから選んでください。</p>
      <p>
        <Link to="/">ホームへ戻る</Link>
      </p>
    </Page>
  );
}
