import { apiRequest } from './client';
import type {
  ChecklistItem,
  Compliance,
  LoginResult,
  NewReport,
  P2hStatus,
  Page,
  Report,
  ReportSummary,
  TelegramLinkToken,
  TelegramStatus,
  User,
  Vehicle,
} from './types';

type Signal = { signal?: AbortSignal };

export const api = {
  login: (username: string, password: string) => apiRequest<LoginResult>('POST', '/api/auth/login', { body: { username, password } }),
  logout: () => apiRequest<null>('POST', '/api/auth/logout'),
  me: (o: Signal = {}) => apiRequest<User>('GET', '/api/users/me', o),
  changePassword: (current_password: string, new_password: string) =>
    apiRequest<LoginResult>('POST', '/api/users/me/password', { body: { current_password, new_password } }),

  vehicles: (query: { q?: string; page?: number; page_size?: number }, o: Signal = {}) =>
    apiRequest<Page<Vehicle>>('GET', '/api/vehicles', { query, ...o }),
  vehicle: (id: number, o: Signal = {}) => apiRequest<Vehicle>('GET', `/api/vehicles/${id}`, o),
  checklist: (vehicleId: number, o: Signal = {}) => apiRequest<ChecklistItem[]>('GET', '/api/checklist', { query: { vehicle_id: vehicleId }, ...o }),
  compliance: (o: Signal & { date?: string } = {}) => apiRequest<Compliance[]>('GET', '/api/p2h/compliance', { query: { date: o.date }, signal: o.signal }),

  submitReport: (report: NewReport) => apiRequest<Report>('POST', '/api/p2h/reports', { body: report }),
  reports: (query: { page?: number; page_size?: number; status?: P2hStatus; date_from?: string; date_to?: string }, o: Signal = {}) =>
    apiRequest<Page<ReportSummary>>('GET', '/api/p2h/reports', { query, ...o }),
  report: (id: number, o: Signal = {}) => apiRequest<Report>('GET', `/api/p2h/reports/${id}`, o),

  telegramStatus: (o: Signal = {}) => apiRequest<TelegramStatus>('GET', '/api/users/me/telegram/status', o),
  telegramLinkToken: () => apiRequest<TelegramLinkToken>('POST', '/api/users/me/telegram/link-token'),
  telegramUnlink: () => apiRequest<TelegramStatus>('DELETE', '/api/users/me/telegram/unlink'),
};
