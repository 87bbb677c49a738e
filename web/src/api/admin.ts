/** The admin console's endpoints (see /docs/json); only admins and superadmins may call them. */
import { apiRequest } from './client';
import type { P2hStatus, Page, ReportSummary, Role, ShiftType, TelegramStatus, User, Vehicle } from './types';

type Signal = { signal?: AbortSignal };

export type DocumentType = 'stnk' | 'kir' | 'pajak';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
export type NotificationType =
  | 'p2h_abnormal'
  | 'p2h_warning'
  | 'stnk_expiry'
  | 'kir_expiry'
  | 'pajak_expiry'
  | 'test'
  | 'defect_alert'
  | 'defect_repaired'
  | 'unit_back_in_service'
  | 'defect_escalation';
export const NOTIFICATION_STATUSES: NotificationStatus[] = ['pending', 'sending', 'sent', 'failed', 'skipped'];
export const NOTIFICATION_TYPES: NotificationType[] = [
  'p2h_abnormal',
  'p2h_warning',
  'defect_alert',
  'defect_repaired',
  'unit_back_in_service',
  'defect_escalation',
  'stnk_expiry',
  'kir_expiry',
  'pajak_expiry',
  'test',
];
export const ROLES: Role[] = ['user', 'mechanic', 'viewer', 'admin', 'superadmin'];
export const SHIFT_TYPES: ShiftType[] = ['shift', 'long_shift', 'non_shift'];

export interface AdminChecklistItem {
  id: number;
  section: string;
  item_name: string;
  order: number;
  vehicle_types: string[] | null;
  is_active: boolean;
}

export interface ExpiringDocument {
  vehicle_id: number;
  unit_code: string;
  plate_number: string;
  document_type: DocumentType;
  expiry_date: string;
}

export interface NotificationEntry {
  id: number;
  type: NotificationType;
  report_id: number | null;
  vehicle_id: number | null;
  recipient_kind: string | null;
  status: NotificationStatus;
  last_error: string | null;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  created_at: string;
}

export interface Adoption {
  total_users: number;
  linked_users: number;
  percentage: number;
}

/** GET /api/health/ready: the bot's name and error and the backlog come only with an admin's token. */
export interface Readiness {
  status: 'ready';
  database: string;
  telegram: { bot: 'not_configured' | 'ok' | 'unreachable'; bot_username?: string | null; error?: string | null };
  notifications?: { pending: number; failed: number; oldest_pending_seconds: number | null };
}

export type VehicleInput = Partial<Omit<Vehicle, 'id'>>;
export type UserInput = { full_name?: string; phone_number?: string; email?: string | null; role?: Role; password?: string; is_active?: boolean };
export type ChecklistItemInput = { section?: string; item_name?: string; order?: number; is_active?: boolean; vehicle_types?: string[] | null };

export interface ReportQuery {
  page?: number;
  page_size?: number;
  status?: P2hStatus;
  date_from?: string;
  date_to?: string;
  vehicle_id?: number;
}

export const adminApi = {
  users: (query: { page?: number; page_size?: number; q?: string; role?: Role; is_active?: boolean; telegram_linked?: boolean }, o: Signal = {}) =>
    apiRequest<Page<User>>('GET', '/api/users', { query, ...o }),
  createUser: (body: UserInput) => apiRequest<User>('POST', '/api/users', { body }),
  updateUser: (id: number, body: UserInput) => apiRequest<User>('PATCH', `/api/users/${id}`, { body }),
  deactivateUser: (id: number) => apiRequest<User>('DELETE', `/api/users/${id}`),
  resetTelegram: (id: number) => apiRequest<TelegramStatus>('DELETE', `/api/users/${id}/telegram`),
  adoption: (o: Signal = {}) => apiRequest<Adoption>('GET', '/api/telegram/adoption', o),

  vehicles: (query: { page?: number; page_size?: number; q?: string; is_active?: boolean }, o: Signal = {}) =>
    apiRequest<Page<Vehicle>>('GET', '/api/vehicles', { query, ...o }),
  createVehicle: (body: VehicleInput) => apiRequest<Vehicle>('POST', '/api/vehicles', { body }),
  updateVehicle: (id: number, body: VehicleInput) => apiRequest<Vehicle>('PATCH', `/api/vehicles/${id}`, { body }),
  deactivateVehicle: (id: number) => apiRequest<Vehicle>('DELETE', `/api/vehicles/${id}`),
  vehicleTypes: (o: Signal = {}) => apiRequest<string[]>('GET', '/api/vehicle-types', o),
  addVehicleType: (name: string) => apiRequest<{ name: string }>('POST', '/api/vehicle-types', { body: { name } }),
  expiring: (before: string, o: Signal = {}) => apiRequest<ExpiringDocument[]>('GET', '/api/vehicles/documents/expiring', { query: { before }, ...o }),

  checklistItems: (o: Signal = {}) => apiRequest<AdminChecklistItem[]>('GET', '/api/checklist/items', o),
  createChecklistItem: (body: ChecklistItemInput) => apiRequest<AdminChecklistItem>('POST', '/api/checklist/items', { body }),
  updateChecklistItem: (id: number, body: ChecklistItemInput) => apiRequest<AdminChecklistItem>('PATCH', `/api/checklist/items/${id}`, { body }),
  retireChecklistItem: (id: number) => apiRequest<AdminChecklistItem>('DELETE', `/api/checklist/items/${id}`),

  reports: (query: ReportQuery, o: Signal = {}) => apiRequest<Page<ReportSummary>>('GET', '/api/p2h/reports', { query: { ...query }, ...o }),

  notifications: (query: { page?: number; page_size?: number; status?: NotificationStatus; type?: NotificationType }, o: Signal = {}) =>
    apiRequest<Page<NotificationEntry>>('GET', '/api/notifications', { query, ...o }),
  resend: (id: number) => apiRequest<NotificationEntry>('POST', `/api/notifications/${id}/resend`),
  readiness: (o: Signal = {}) => apiRequest<Readiness>('GET', '/api/health/ready', o),
};

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function isoToday(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** expired, soon (≤ 30 days) or ok; null when there is no date. */
export function expiryState(date: string | null): 'expired' | 'soon' | 'ok' | null {
  if (!date) return null;
  if (date < isoToday()) return 'expired';
  if (date <= isoToday(30)) return 'soon';
  return 'ok';
}
