import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { NoAccessPage } from '../pages/common/NoAccessPage';
import { homePath, useSession } from '../session/session';

const PASSWORD_PATH = '/profile/password';

/** Pages behind login: without a session, to /login (and back here afterwards). */
export function RequireAuth() {
  const { user, notice, mustChangePassword } = useSession();
  const location = useLocation();
  // A temporary password: the server refuses everything else until it is changed.
  if (user && mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  if (!user) {
    // After "log out" the login page is a fresh start; after an expired session it leads back here.
    if (notice === 'loggedOut') return <Navigate to="/login" replace />;
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Pages for some roles only; the others see "no access" (the server refuses them anyway). */
export function RequireRole({ roles }: { roles: Role[] }) {
  const { user } = useSession();
  if (!user || !roles.includes(user.role)) return <NoAccessPage />;
  return <Outlet />;
}

export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={user ? homePath(user.role) : '/login'} replace />;
}
