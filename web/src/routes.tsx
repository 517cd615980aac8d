import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { ErrorScreen } from './components/ErrorBoundary';
import { AppLayout } from './layout/AppLayout';
import { HomePage } from './pages/home/HomePage';
import { LoginPage } from './pages/LoginPage';
import { CataloguePage } from './pages/catalogue/CataloguePage';
import { CatalogueImportPage } from './pages/catalogue-import/CatalogueImportPage';
import { OrganizationPage } from './pages/catalogue/OrganizationPage';
import { ResourcePage } from './pages/catalogue/ResourcePage';
import { ParticipantFormPage } from './pages/participants/ParticipantFormPage';
import { ParticipantPage } from './pages/participants/ParticipantPage';
import { ParticipantsPage } from './pages/participants/ParticipantsPage';
import { SearchPage } from './pages/search/SearchPage';
import { UnmetNeedsPage } from './pages/unmet-needs/UnmetNeedsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { PlacementPage } from './pages/placements/PlacementPage';
import { PlacementsPage } from './pages/placements/PlacementsPage';
import { RequireSession } from './session/RequireSession';
import { AdminAuditPage } from './pages/admin/AdminAuditPage';
import { AdminOrganizationsPage } from './pages/admin/AdminOrganizationsPage';
import { AdminTokensPage } from './pages/admin/AdminTokensPage';
import { AdminUsersPage } from './pages/admin/AdminUsersPage';
import { HostHome } from './pages/host/HostHome';
import { HostOpeningsPage } from './pages/host/HostOpeningsPage';
import { HostOrganizationPage } from './pages/host/HostOrganizationPage';
import { OpeningFormPage } from './pages/host/OpeningFormPage';
import { ReferralPage } from './pages/host/ReferralPage';
import { ReferralsPage } from './pages/host/ReferralsPage';
import { RequireRole } from './pages/host/RequireRole';
import { InvitationPage } from './pages/invitation/InvitationPage';

/** Every screen of the app. A new screen: a component in src/pages/, a route here, a menu item in NAV_ITEMS. */
export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <ErrorScreen />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/invitation/:token', element: <InvitationPage /> },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { index: true, element: <HostHome fallback={<HomePage />} /> },
          {
            path: 'participants',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <ParticipantsPage />
              </RequireRole>
            ),
          },
          {
            path: 'participants/new',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <ParticipantFormPage />
              </RequireRole>
            ),
          },
          {
            path: 'participants/:id',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <ParticipantPage />
              </RequireRole>
            ),
          },
          {
            path: 'participants/:id/edit',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <ParticipantFormPage />
              </RequireRole>
            ),
          },
          {
            path: 'search',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <SearchPage />
              </RequireRole>
            ),
          },
          { path: 'matching', element: <Navigate to="/search" replace /> },
          {
            path: 'unmet-needs',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <UnmetNeedsPage />
              </RequireRole>
            ),
          },
          {
            path: 'placements',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <PlacementsPage />
              </RequireRole>
            ),
          },
          {
            path: 'placements/:id',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <PlacementPage />
              </RequireRole>
            ),
          },
          {
            path: 'notifications',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <NotificationsPage />
              </RequireRole>
            ),
          },
          {
            path: 'catalogue',
            element: (
              <RequireRole roles={['admin', 'coordinator', 'host']}>
                <CataloguePage />
              </RequireRole>
            ),
          },
          {
            path: 'catalogue/import',
            element: (
              <RequireRole roles={['admin', 'coordinator']}>
                <CatalogueImportPage />
              </RequireRole>
            ),
          },
          {
            path: 'catalogue/resources/:id',
            element: (
              <RequireRole roles={['admin', 'coordinator', 'host']}>
                <ResourcePage />
              </RequireRole>
            ),
          },
          {
            path: 'catalogue/organizations/:id',
            element: (
              <RequireRole roles={['admin', 'coordinator', 'host']}>
                <OrganizationPage />
              </RequireRole>
            ),
          },
          { path: 'reports', lazy: () => import('./pages/reports/ReportsPage').then((m) => ({ Component: m.ReportsPage })) },
          {
            path: 'host',
            element: (
              <RequireRole roles={['host']}>
                <HostOpeningsPage />
              </RequireRole>
            ),
          },
          {
            path: 'host/openings/new',
            element: (
              <RequireRole roles={['host']}>
                <OpeningFormPage />
              </RequireRole>
            ),
          },
          {
            path: 'host/openings/:id',
            element: (
              <RequireRole roles={['host']}>
                <OpeningFormPage />
              </RequireRole>
            ),
          },
          {
            path: 'host/referrals',
            element: (
              <RequireRole roles={['host']}>
                <ReferralsPage />
              </RequireRole>
            ),
          },
          {
            path: 'host/referrals/:id',
            element: (
              <RequireRole roles={['host']}>
                <ReferralPage />
              </RequireRole>
            ),
          },
          {
            path: 'host/organization',
            element: (
              <RequireRole roles={['host']}>
                <HostOrganizationPage />
              </RequireRole>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequireRole roles={['admin']}>
                <AdminUsersPage />
              </RequireRole>
            ),
          },
          {
            path: 'admin/tokens',
            element: (
              <RequireRole roles={['admin']}>
                <AdminTokensPage />
              </RequireRole>
            ),
          },
          {
            path: 'admin/organizations',
            element: (
              <RequireRole roles={['admin']}>
                <AdminOrganizationsPage />
              </RequireRole>
            ),
          },
          {
            path: 'admin/audit',
            element: (
              <RequireRole roles={['admin']}>
                <AdminAuditPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
