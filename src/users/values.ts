/**
 * The roles, in a module that imports nothing: the database enum, the API schemas and the web app
 * all read this one list.
 */
export const ROLES = ['superadmin', 'admin', 'mechanic', 'user', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
