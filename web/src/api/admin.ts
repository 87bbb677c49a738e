/** The admin console's endpoints (see /docs/json); only admins and superadmins may call them. */
import { ROLES as ROLE_VALUES } from '../../../src/users/values';
import { appDate } from '../i18n/format';
import { apiRequest } from './client';
import type {
  Adoption,
  ChecklistItem,
  CreateItemInput,
  CreateUserInput,
  CreateVehicleInput,
  ExpiringDocument,
  NotificationEntry,
  NotificationListQuery,
  Page,
  Readiness,
  ReportQuery,
  ReportSummary,
  Role,
  TelegramStatus,
  UpdateItemInput,
  UpdateUserInput,
  UpdateVehicleInput,
  User,
  UserListQuery,
  Vehicle,
  VehicleListQuery,
} from './types';

export { NOTIFICATION_STATUSES, NOTIFICATION_TYPES } from '../../../src/notifications/values';
export { SHIFT_TYPES } from '../../../src/vehicles/values';

type Signal = { signal?: AbortSignal };

/** Everyday roles first in the admin lists; a Record, so a new server role fails here until it has a place. */
const ROLE_LIST_ORDER: Record<Role, number> = { user: 0, mechanic: 1, viewer: 2, admin: 3, superadmin: 4 };
export const ROLES: Role[] = [...ROLE_VALUES].sort((a, b) => ROLE_LIST_ORDER[a] - ROLE_LIST_ORDER[b]);

/** One form body serves create and edit: the server says which fields a new one still needs. */
export type VehicleInput = Partial<CreateVehicleInput> & UpdateVehicleInput;
export type UserInput = Partial<CreateUserInput> & UpdateUserInput;
export type ChecklistItemInput = Partial<CreateItemInput> & UpdateItemInput;

export const adminApi = {
  users: (query: UserListQuery, o: Signal = {}) => apiRequest<Page<User>>('GET', '/api/users', { query, ...o }),
  createUser: (body: UserInput) => apiRequest<User>('POST', '/api/users', { body }),
  updateUser: (id: number, body: UserInput) => apiRequest<User>('PATCH', `/api/users/${id}`, { body }),
  deactivateUser: (id: number) => apiRequest<User>('DELETE', `/api/users/${id}`),
  resetTelegram: (id: number) => apiRequest<TelegramStatus>('DELETE', `/api/users/${id}/telegram`),
  adoption: (o: Signal = {}) => apiRequest<Adoption>('GET', '/api/telegram/adoption', o),

  vehicles: (query: VehicleListQuery, o: Signal = {}) => apiRequest<Page<Vehicle>>('GET', '/api/vehicles', { query, ...o }),
  createVehicle: (body: VehicleInput) => apiRequest<Vehicle>('POST', '/api/vehicles', { body }),
  updateVehicle: (id: number, body: VehicleInput) => apiRequest<Vehicle>('PATCH', `/api/vehicles/${id}`, { body }),
  deactivateVehicle: (id: number) => apiRequest<Vehicle>('DELETE', `/api/vehicles/${id}`),
  vehicleTypes: (o: Signal = {}) => apiRequest<string[]>('GET', '/api/vehicle-types', o),
  addVehicleType: (name: string) => apiRequest<{ name: string }>('POST', '/api/vehicle-types', { body: { name } }),
  expiring: (before: string, o: Signal = {}) => apiRequest<ExpiringDocument[]>('GET', '/api/vehicles/documents/expiring', { query: { before }, ...o }),

  checklistItems: (o: Signal = {}) => apiRequest<ChecklistItem[]>('GET', '/api/checklist/items', o),
  createChecklistItem: (body: ChecklistItemInput) => apiRequest<ChecklistItem>('POST', '/api/checklist/items', { body }),
  updateChecklistItem: (id: number, body: ChecklistItemInput) => apiRequest<ChecklistItem>('PATCH', `/api/checklist/items/${id}`, { body }),
  retireChecklistItem: (id: number) => apiRequest<ChecklistItem>('DELETE', `/api/checklist/items/${id}`),

  reports: (query: ReportQuery, o: Signal = {}) => apiRequest<Page<ReportSummary>>('GET', '/api/p2h/reports', { query: { ...query }, ...o }),

  notifications: (query: NotificationListQuery, o: Signal = {}) => apiRequest<Page<NotificationEntry>>('GET', '/api/notifications', { query, ...o }),
  resend: (id: number) => apiRequest<NotificationEntry>('POST', `/api/notifications/${id}/resend`),
  readiness: (o: Signal = {}) => apiRequest<Readiness>('GET', '/api/health/ready', o),
};

/** Today on the site's calendar (WITA, not the phone's zone), as YYYY-MM-DD. */
export function isoToday(offsetDays = 0): string {
  return appDate(new Date(), offsetDays);
}

/** expired, soon (≤ 30 days) or ok; null when there is no date. */
export function expiryState(date: string | null): 'expired' | 'soon' | 'ok' | null {
  if (!date) return null;
  if (date < isoToday()) return 'expired';
  if (date <= isoToday(30)) return 'soon';
  return 'ok';
}
