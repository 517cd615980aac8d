import { Link } from 'react-router';
import { Page } from '../components/Page';

/** A screen that is in the menu but not built yet: says so plainly instead of showing made-up data. */
export function ComingSoonPage({ title }: { title: string }) {
  return (
    <Page title={title}>
      <p>この画面は準備中です。</p>
      <p>
        <Link to="/">ホームへ戻る</Link>
      </p>
    </Page>
  );
}
