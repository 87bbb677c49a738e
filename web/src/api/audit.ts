/** The audit log (GET /api/audit-log): admins and superadmins only. */
import type { AuditEntryView, AuditLogQuery } from '../../../src/audit/api-schemas';
import { apiRequest } from './client';
import type { Page } from './types';

export type { AuditEntryView, AuditLogQuery } from '../../../src/audit/api-schemas';
export type { AuditAction, AuditEntity } from '../../../src/audit/values';
export { AUDIT_ACTIONS, AUDIT_BOOKKEEPING_FIELDS, AUDIT_ENTITIES } from '../../../src/audit/values';

export const auditApi = {
  list: (query: AuditLogQuery, signal?: AbortSignal) => apiRequest<Page<AuditEntryView>>('GET', '/api/audit-log', { query, signal }),
};
