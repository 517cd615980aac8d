import { createBrowserRouter, Outlet } from 'react-router';
import { ErrorScreen } from './components/ErrorBoundary';
import { AppLayout } from './layout/AppLayout';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequireSession } from './session/RequireSession';

/** Every screen of the app. A new screen: a component in src/pages/, a route here, a menu item in NAV_ITEMS. */
export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <ErrorScreen />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: 'participants', element: <ComingSoonPage title="本人" /> },
          { path: 'matching', element: <ComingSoonPage title="マッチング検索" /> },
          { path: 'placements', element: <ComingSoonPage title="紹介" /> },
          { path: 'notifications', element: <ComingSoonPage title="通知" /> },
          { path: 'catalogue', element: <ComingSoonPage title="資源・受入先" /> },
          { path: 'reports', lazy: () => import('./pages/reports/ReportsPage').then((m) => ({ Component: m.ReportsPage })) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
