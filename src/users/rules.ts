import type { Role } from './schema.js';

export const ADMIN_ROLES: readonly Role[] = ['superadmin', 'admin'];
export const SUBMITTER_ROLES: readonly Role[] = ['superadmin', 'admin', 'user'];
/** Who reads the fleet's state (every report, defects, the monitor): everyone but drivers. */
export const MONITOR_ROLES: readonly Role[] = ['superadmin', 'admin', 'mechanic', 'viewer'];
/** Who works on defects. */
export const WORKSHOP_ROLES: readonly Role[] = ['superadmin', 'admin', 'mechanic'];
/** Who reports a defect outside a P2H: those who submit P2H. */
export const DEFECT_REPORTER_ROLES = SUBMITTER_ROLES;

export const isAdmin = (role: Role) => ADMIN_ROLES.includes(role);
/** Admins, mechanics and viewers monitor every report; users see their own. */
export const seesAllReports = (role: Role) => role !== 'user';

/**
 * Who may create or change an account of a given role: a superadmin manages everyone;
 * an admin manages drivers, mechanics and viewers, not other admins (no self-promotion path).
 */
export function canManageRole(actor: Role, target: Role): boolean {
  if (actor === 'superadmin') return true;
  if (actor === 'admin') return target === 'user' || target === 'viewer' || target === 'mechanic';
  return false;
}
