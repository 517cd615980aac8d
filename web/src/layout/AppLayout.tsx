import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { SERVICE_NAME } from '../components/Page';
import { IdleWarning } from '../session/IdleWarning';
import { useSession } from '../session/SessionContext';
import { ROLE_LABELS } from '../session/session-api';

/** The screens of the app, in the order coordinators use them. Add a screen here and in routes.tsx. */
export const NAV_ITEMS = [
  { to: '/', label: 'ホーム' },
  { to: '/participants', label: '本人' },
  { to: '/matching', label: 'マッチング検索' },
  { to: '/placements', label: '紹介' },
  { to: '/notifications', label: '通知' },
  { to: '/catalogue', label: '資源・受入先' },
  { to: '/reports', label: '集計' },
] as const;

export function AppLayout() {
  const { session, signOut } = useSession();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After moving to another screen, keyboard and screen-reader users start at its content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="header__service">
            {SERVICE_NAME}
          </Link>
          {session && (
            <div className="header__user">
              <span className="header__name" data-testid="user-name">
                {session.user.displayName}
              </span>
              <span className="header__role">（{ROLE_LABELS[session.user.role] ?? session.user.role}）</span>
              <button type="button" className="button button--secondary button--small" onClick={() => void signOut()}>
                ログアウト
              </button>
            </div>
          )}
        </div>
        <nav className="nav" aria-label="メインメニュー">
          <ul className="nav__list">
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'} className="nav__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <IdleWarning />
    </>
  );
}
