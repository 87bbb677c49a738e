/**
 * The defect workflow and unit state endpoints. The wire types come from the server's TypeBox
 * schemas (src/defects/api-schemas.ts), so a change there is a type error here, not a surprise.
 */
import type { Defect, DefectDetail, DefectQuery as ServerDefectQuery, NewDefectInput } from '../../../src/defects/api-schemas';
import type { DefectStatus } from '../../../src/defects/values';
import type { Availability } from '../../../src/vehicles/api-schemas';
import { apiRequest } from './client';
import type { Page, Vehicle } from './types';

export { DEFECT_SEVERITIES, DEFECT_STATUSES } from '../../../src/defects/values';
export type { DefectStatus, Severity } from '../../../src/defects/values';
export type { Defect, DefectDetail, DefectEvent, KnownDefect, NewDefectInput as NewDefect } from '../../../src/defects/api-schemas';
export type { Availability } from '../../../src/vehicles/api-schemas';

export type DefectQuery = Partial<ServerDefectQuery>;

type Signal = { signal?: AbortSignal };

/** Open and in progress: what still needs the workshop. */
export const ACTIVE_STATUSES: DefectStatus[] = ['open', 'in_progress'];

export const defectsApi = {
  list: (query: DefectQuery, o: Signal = {}) => apiRequest<Page<Defect>>('GET', '/api/defects', { query: { ...query }, ...o }),
  get: (id: number, o: Signal = {}) => apiRequest<DefectDetail>('GET', `/api/defects/${id}`, o),
  report: (body: NewDefectInput) => apiRequest<Defect>('POST', '/api/defects', { body }),
  take: (id: number) => apiRequest<Defect>('POST', `/api/defects/${id}/take`),
  assign: (id: number, user_id: number) => apiRequest<Defect>('POST', `/api/defects/${id}/assign`, { body: { user_id } }),
  repair: (id: number, note: string, photoIds: number[] = []) =>
    apiRequest<Defect>('POST', `/api/defects/${id}/repair`, { body: photoIds.length > 0 ? { note, photo_ids: photoIds } : { note } }),
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
