import { BrowserRouter, Route, Routes } from 'react-router';
import { AdminRoutes } from '../pages/admin/AdminRoutes';
import { ChangePasswordPage } from '../pages/auth/ChangePasswordPage';
import { LoginPage } from '../pages/auth/LoginPage';
import { NotFoundPage } from '../pages/common/NotFoundPage';
import { ChecklistPage } from '../pages/driver/ChecklistPage';
import { HistoryPage } from '../pages/driver/HistoryPage';
import { ReportDetailPage } from '../pages/driver/ReportDetailPage';
import { ResultPage } from '../pages/driver/ResultPage';
import { UnitSearchPage } from '../pages/driver/UnitSearchPage';
import { ProfilePage } from '../pages/profile/ProfilePage';
import { ComplianceMatrixPage } from '../pages/viewer/ComplianceMatrixPage';
import { MonitorPage } from '../pages/viewer/MonitorPage';
import { ADMINS, MONITORS, SUBMITTERS, WORKSHOP } from '../session/session';
import { DefectPage } from '../pages/workshop/DefectPage';
import { RepairsPage } from '../pages/workshop/RepairsPage';
import { ReportDefectPage } from '../pages/driver/ReportDefectPage';
import { HomeRedirect, RequireAuth, RequireRole } from './guards';
import { AppLayout, BareLayout } from './Layout';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<BareLayout />}>
          <Route path="/login" element={<LoginPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          <Route element={<AppLayout />}>
            <Route index element={<HomeRedirect />} />
            <Route element={<RequireRole roles={SUBMITTERS} />}>
              <Route path="units" element={<UnitSearchPage />} />
              <Route path="units/:vehicleId/check/:slot" element={<ChecklistPage />} />
              <Route path="units/:vehicleId/defect" element={<ReportDefectPage />} />
              <Route path="history" element={<HistoryPage />} />
            </Route>
            <Route element={<RequireRole roles={MONITORS} />}>
              <Route path="monitor" element={<MonitorPage />} />
              <Route path="defects/:id" element={<DefectPage />} />
            </Route>
            <Route element={<RequireRole roles={WORKSHOP} />}>
              <Route path="repairs" element={<RepairsPage />} />
            </Route>
            <Route element={<RequireRole roles={ADMINS} />}>
              <Route path="admin/*" element={<AdminRoutes />} />
            </Route>
            <Route element={<RequireRole roles={['viewer', 'admin', 'superadmin']} />}>
              <Route path="compliance-matrix" element={<ComplianceMatrixPage />} />
            </Route>
            <Route path="reports/:id" element={<ReportDetailPage />} />
            <Route path="reports/:id/result" element={<ResultPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="profile/password" element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
