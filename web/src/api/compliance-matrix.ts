/** The monthly compliance matrix (GET /api/p2h/compliance/matrix and its .xlsx). */
import type { ComplianceMatrix } from '../../../src/p2h/api-schemas';
import { apiBlob, apiRequest } from './client';

export type { ComplianceMatrix, MatrixCell } from '../../../src/p2h/api-schemas';
export type { MatrixStatus } from '../../../src/p2h/values';
export { MATRIX_STATUSES } from '../../../src/p2h/values';

export const complianceMatrixApi = {
  matrix: (month: string | undefined, signal?: AbortSignal) =>
    apiRequest<ComplianceMatrix>('GET', '/api/p2h/compliance/matrix', { query: { month }, signal }),
  /** The sheet as bytes: the API wants the Bearer token, so no plain link. */
  xlsx: (month: string) => apiBlob(`/api/p2h/compliance/matrix.xlsx?month=${encodeURIComponent(month)}`),
};

/** "2026-02" moved by whole months. */
export function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
