/**
 * The defect workflow and unit state endpoints. The wire types come from the server's TypeBox
 * schemas (src/defects/api-schemas.ts), so a change there is a type error here, not a surprise.
 */
import type { Static } from '@sinclair/typebox';
import type { DefectDetailSchema, DefectEventSchema, DefectSchema, KnownDefectSchema } from '../../../src/defects/api-schemas';
import type { DefectStatus, Severity } from '../../../src/defects/values';
import { apiRequest } from './client';
import type { Page, Vehicle } from './types';

export { DEFECT_SEVERITIES, DEFECT_STATUSES } from '../../../src/defects/values';
export type { DefectStatus, Severity } from '../../../src/defects/values';

export type Defect = Static<typeof DefectSchema>;
export type DefectDetail = Static<typeof DefectDetailSchema>;
export type DefectEvent = Static<typeof DefectEventSchema>;
export type KnownDefect = Static<typeof KnownDefectSchema>;

export interface DefectQuery {
  page?: number;
  page_size?: number;
  status?: DefectStatus;
  vehicle_id?: number;
  severity?: Severity;
  assigned_to_id?: number;
  report_id?: number;
  older_than_hours?: number;
}

export interface NewDefect {
  vehicle_id: number;
  checklist_item_id: number;
  severity: Severity;
  remark: string;
}

export interface Availability {
  hours_total: number;
  hours_out_of_service: number;
  availability_percent: number;
  periods: { from: string; to: string | null; reason: string }[];
}

type Signal = { signal?: AbortSignal };

/** Open and in progress: what still needs the workshop. */
export const ACTIVE_STATUSES: DefectStatus[] = ['open', 'in_progress'];

export const defectsApi = {
  list: (query: DefectQuery, o: Signal = {}) => apiRequest<Page<Defect>>('GET', '/api/defects', { query: { ...query }, ...o }),
  get: (id: number, o: Signal = {}) => apiRequest<DefectDetail>('GET', `/api/defects/${id}`, o),
  report: (body: NewDefect) => apiRequest<Defect>('POST', '/api/defects', { body }),
  take: (id: number) => apiRequest<Defect>('POST', `/api/defects/${id}/take`),
  assign: (id: number, user_id: number) => apiRequest<Defect>('POST', `/api/defects/${id}/assign`, { body: { user_id } }),
  repair: (id: number, note: string) => apiRequest<Defect>('POST', `/api/defects/${id}/repair`, { body: { note } }),
  close: (id: number, reason: string) => apiRequest<Defect>('POST', `/api/defects/${id}/close`, { body: { reason } }),

  holdOutOfService: (vehicleId: number, reason: string) => apiRequest<Vehicle>('POST', `/api/vehicles/${vehicleId}/out-of-service`, { body: { reason } }),
  returnToService: (vehicleId: number) => apiRequest<Vehicle>('POST', `/api/vehicles/${vehicleId}/return-to-service`),
  availability: (vehicleId: number, from: string, to: string, o: Signal = {}) =>
    apiRequest<Availability>('GET', `/api/vehicles/${vehicleId}/availability`, { query: { from, to }, ...o }),
};

/** Whole hours since an ISO time (for "age" grouping and labels). */
export function ageHours(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 3_600_000));
}
