import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { SERVICE_NAME } from '../components/Page';
import { NotificationBadge } from '../pages/notifications/NotificationBadge';
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
  { to: '/unmet-needs', label: '未充足ニーズ' },
  { to: '/reports', label: '集計' },
] as const;

/** Host staff see only their organisation's screens (phone first). */
export const HOST_NAV_ITEMS = [
  { to: '/host', label: '自団体の受入枠' },
  { to: '/host/referrals', label: '紹介された方' },
  { to: '/host/organization', label: '団体情報' },
] as const;

/** Administrators see the coordinators' screens and the 管理 screens. */
export const ADMIN_NAV_ITEMS = [
  { to: '/admin/users', label: '管理：利用者' },
  { to: '/admin/tokens', label: '管理：APIトークン' },
  { to: '/admin/organizations', label: '管理：受入先の開拓' },
  { to: '/admin/audit', label: '管理：監査ログ' },
] as const;

export function navItemsFor(role: string | undefined): ReadonlyArray<{ to: string; label: string }> {
  if (role === 'host') return HOST_NAV_ITEMS;
  if (role === 'admin') return [...NAV_ITEMS, ...ADMIN_NAV_ITEMS];
  if (role === 'viewer') return NAV_ITEMS.filter((item) => item.to === '/' || item.to === '/reports');
  return NAV_ITEMS;
}

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
              <NotificationBadge />
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
            {navItemsFor(session?.user.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/' || item.to === '/host'} className="nav__link">
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
