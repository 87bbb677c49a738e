import { apiFile, apiRequest } from './client';
import type {
  ChecklistEntry,
  ChangePasswordInput,
  Compliance,
  LoginInput,
  LoginResult,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  Page,
  ReportDetail,
  ReportQuery,
  ReportSummary,
  SubmitInput,
  TelegramLinkToken,
  TelegramStatus,
  User,
  Vehicle,
  VehicleListQuery,
} from './types';

type Signal = { signal?: AbortSignal };

export const api = {
  login: (username: string, password: string) =>
    apiRequest<LoginResult>('POST', '/api/auth/login', { body: { username, password } satisfies LoginInput }),
  logout: () => apiRequest<null>('POST', '/api/auth/logout'),
  me: (o: Signal = {}) => apiRequest<User>('GET', '/api/users/me', o),
  changePassword: (current_password: string, new_password: string) =>
    apiRequest<LoginResult>('POST', '/api/users/me/password', { body: { current_password, new_password } satisfies ChangePasswordInput }),

  vehicles: (query: VehicleListQuery, o: Signal = {}) => apiRequest<Page<Vehicle>>('GET', '/api/vehicles', { query, ...o }),
  vehicle: (id: number, o: Signal = {}) => apiRequest<Vehicle>('GET', `/api/vehicles/${id}`, o),
  checklist: (vehicleId: number, o: Signal = {}) => apiRequest<ChecklistEntry[]>('GET', '/api/checklist', { query: { vehicle_id: vehicleId }, ...o }),
  compliance: (o: Signal & { date?: string } = {}) => apiRequest<Compliance[]>('GET', '/api/p2h/compliance', { query: { date: o.date }, signal: o.signal }),

  submitReport: (report: SubmitInput) => apiRequest<ReportDetail>('POST', '/api/p2h/reports', { body: report }),
  reports: (query: ReportQuery, o: Signal = {}) => apiRequest<Page<ReportSummary>>('GET', '/api/p2h/reports', { query, ...o }),
  report: (id: number, o: Signal = {}) => apiRequest<ReportDetail>('GET', `/api/p2h/reports/${id}`, o),
  reportPdf: (id: number, o: Signal = {}) => apiFile(`/api/p2h/reports/${id}/pdf`, o.signal),

  telegramStatus: (o: Signal = {}) => apiRequest<TelegramStatus>('GET', '/api/users/me/telegram/status', o),
  telegramLinkToken: () => apiRequest<TelegramLinkToken>('POST', '/api/users/me/telegram/link-token'),
  telegramUnlink: () => apiRequest<TelegramStatus>('DELETE', '/api/users/me/telegram/unlink'),

  notificationPreferences: (o: Signal = {}) => apiRequest<NotificationPreferences>('GET', '/api/users/me/notification-preferences', o),
  updateNotificationPreferences: (body: NotificationPreferencesUpdate) =>
    apiRequest<NotificationPreferences>('PUT', '/api/users/me/notification-preferences', { body }),
};
