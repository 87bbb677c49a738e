import type { Role } from '../api/types';
import type { IconName } from '../components/Icon';
import type { MessageKey } from '../i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: IconName;
  roles: Role[];
}

/** The main menu, per role. Admin pages (web/src/pages/admin/) hang under /admin. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/admin', label: 'nav.admin', icon: 'shield', roles: ['admin', 'superadmin'] },
  { to: '/repairs', label: 'nav.repairs', icon: 'wrench', roles: ['mechanic'] },
  { to: '/monitor', label: 'nav.monitor', icon: 'monitor', roles: ['viewer', 'mechanic', 'admin', 'superadmin'] },
  { to: '/compliance-matrix', label: 'nav.complianceMatrix', icon: 'check', roles: ['viewer'] },
  { to: '/units', label: 'nav.units', icon: 'truck', roles: ['user', 'admin', 'superadmin'] },
  { to: '/history', label: 'nav.history', icon: 'history', roles: ['user'] },
  { to: '/admin/reports', label: 'nav.reports', icon: 'history', roles: ['admin', 'superadmin'] },
  { to: '/profile', label: 'nav.profile', icon: 'user', roles: ['user', 'viewer', 'mechanic', 'admin', 'superadmin'] },
];

/** The admin console's own menu (a tab strip on every /admin page), for admins and superadmins. */
export const ADMIN_NAV: NavItem[] = [
  { to: '/admin', label: 'nav.admin', icon: 'shield', roles: ['admin', 'superadmin'] },
  { to: '/admin/units', label: 'nav.adminUnits', icon: 'truck', roles: ['admin', 'superadmin'] },
  { to: '/admin/users', label: 'nav.adminUsers', icon: 'user', roles: ['admin', 'superadmin'] },
  { to: '/admin/checklist', label: 'nav.adminChecklist', icon: 'check', roles: ['admin', 'superadmin'] },
  { to: '/admin/defects', label: 'nav.adminDefects', icon: 'wrench', roles: ['admin', 'superadmin'] },
  { to: '/repairs', label: 'nav.repairs', icon: 'wrench', roles: ['admin', 'superadmin'] },
  { to: '/admin/reports', label: 'nav.adminReports', icon: 'history', roles: ['admin', 'superadmin'] },
  { to: '/admin/compliance-matrix', label: 'nav.complianceMatrix', icon: 'check', roles: ['admin', 'superadmin'] },
  { to: '/admin/notifications', label: 'nav.adminNotifications', icon: 'send', roles: ['admin', 'superadmin'] },
  { to: '/admin/audit-log', label: 'nav.adminAudit', icon: 'history', roles: ['admin', 'superadmin'] },
  { to: '/admin/import', label: 'nav.adminImport', icon: 'plus', roles: ['admin', 'superadmin'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
