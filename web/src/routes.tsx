import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { ErrorScreen } from './components/ErrorBoundary';
import { AppLayout } from './layout/AppLayout';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { CataloguePage } from './pages/catalogue/CataloguePage';
import { OrganizationPage } from './pages/catalogue/OrganizationPage';
import { ResourcePage } from './pages/catalogue/ResourcePage';
import { ParticipantFormPage } from './pages/participants/ParticipantFormPage';
import { ParticipantPage } from './pages/participants/ParticipantPage';
import { ParticipantsPage } from './pages/participants/ParticipantsPage';
import { SearchPage } from './pages/search/SearchPage';
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
          { path: 'participants', element: <ParticipantsPage /> },
          { path: 'participants/new', element: <ParticipantFormPage /> },
          { path: 'participants/:id', element: <ParticipantPage /> },
          { path: 'participants/:id/edit', element: <ParticipantFormPage /> },
          { path: 'search', element: <SearchPage /> },
          { path: 'matching', element: <Navigate to="/search" replace /> },
          { path: 'placements', element: <ComingSoonPage title="紹介" /> },
          { path: 'notifications', element: <ComingSoonPage title="通知" /> },
          { path: 'catalogue', element: <CataloguePage /> },
          { path: 'catalogue/resources/:id', element: <ResourcePage /> },
          { path: 'catalogue/organizations/:id', element: <OrganizationPage /> },
          { path: 'reports', lazy: () => import('./pages/reports/ReportsPage').then((m) => ({ Component: m.ReportsPage })) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
