import { Outlet, Route, Routes } from 'react-router';
import { NotFoundPage } from '../common/NotFoundPage';
import { ReportDetailPage } from '../driver/ReportDetailPage';
import { ComplianceMatrixPage } from '../viewer/ComplianceMatrixPage';
import { AdminHomePage } from './AdminHomePage';
import { AdminTabs } from './AdminParts';
import { AuditLogPage } from './AuditLogPage';
import { ChecklistAdminPage } from './ChecklistAdminPage';
import { DefectsBoardPage } from './DefectsBoardPage';
import { ImportPage } from './ImportPage';
import { NotificationsPage } from './NotificationsPage';
import { ReportsPage } from './ReportsPage';
import { UnitFormPage } from './UnitFormPage';
import { UnitsPage } from './UnitsPage';
import { UserFormPage } from './UserFormPage';
import { UsersPage } from './UsersPage';

function AdminLayout() {
  return (
    <>
      <AdminTabs />
      <Outlet />
    </>
  );
}

/** Everything under /admin (only admins and superadmins get here: see app/App.tsx); the menu is ADMIN_NAV in app/nav.ts. */
export function AdminRoutes() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<AdminHomePage />} />
        <Route path="units" element={<UnitsPage />} />
        <Route path="units/new" element={<UnitFormPage />} />
        <Route path="units/:id" element={<UnitFormPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="users/new" element={<UserFormPage />} />
        <Route path="users/:id" element={<UserFormPage />} />
        <Route path="checklist" element={<ChecklistAdminPage />} />
        <Route path="defects" element={<DefectsBoardPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="reports/:id" element={<ReportDetailPage />} />
        <Route path="compliance-matrix" element={<ComplianceMatrixPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="audit-log" element={<AuditLogPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
