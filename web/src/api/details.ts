import { isApiError, type ErrorDetail } from './client';

/** The validation details of a failure, by field name ("username", "details[3].keterangan"…). */
export function detailsByField(error: unknown): Map<string, ErrorDetail> {
  const map = new Map<string, ErrorDetail>();
  if (!isApiError(error)) return map;
  for (const detail of error.details) if (!map.has(detail.field)) map.set(detail.field, detail);
  return map;
}
