import type { Role } from './schema.js';

export const ADMIN_ROLES: readonly Role[] = ['superadmin', 'admin'];
export const SUBMITTER_ROLES: readonly Role[] = ['superadmin', 'admin', 'user'];

export const isAdmin = (role: Role) => ADMIN_ROLES.includes(role);
/** Admins and viewers monitor every report; users see their own. */
export const seesAllReports = (role: Role) => role !== 'user';

/**
 * Who may create or change an account of a given role: a superadmin manages everyone;
 * an admin manages drivers and viewers, not other admins (no self-promotion path).
 */
export function canManageRole(actor: Role, target: Role): boolean {
  if (actor === 'superadmin') return true;
  if (actor === 'admin') return target === 'user' || target === 'viewer';
  return false;
}
