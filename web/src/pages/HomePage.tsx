import { Link } from 'react-router';
import { Page } from '../components/Page';
import { NAV_ITEMS } from '../layout/AppLayout';
import { formatDateJa } from '../lib/dates';
import { useSession } from '../session/SessionContext';

/** ホーム: the coordinator's starting point. Today's work (due check-ins, notifications) comes with the next screens. */
export function HomePage() {
  const { session } = useSession();
  return (
    <Page title="ホーム">
      <p className="lead">
        {session?.user.displayName} さん、今日は{formatDateJa(new Date(), { wareki: true })}です。
      </p>
      <section aria-labelledby="home-menu">
        <h2 id="home-menu">メニュー</h2>
        <ul className="menu-list">
          {NAV_ITEMS.filter((item) => item.to !== '/').map((item) => (
            <li key={item.to}>
              <Link to={item.to}>{item.label}</Link>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
