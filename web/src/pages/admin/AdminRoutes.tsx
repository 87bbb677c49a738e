import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../common/NotFoundPage';
import { AdminHomePage } from './AdminHomePage';

/**
 * Everything under /admin (only admins and superadmins get here: see app/App.tsx). The admin
 * console adds its pages here, e.g. <Route path="users" element={<UsersPage />} />, and its menu
 * entries in app/nav.ts.
 */
export function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<AdminHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
