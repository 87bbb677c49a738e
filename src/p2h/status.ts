import type { P2hStatus } from './schema.js';

const SEVERITY: Record<P2hStatus, number> = { normal: 0, warning: 1, abnormal: 2 };

/** ABNORMAL (stop operasi) outranks WARNING (perlu perbaikan), which outranks NORMAL. */
export function overallStatus(statuses: Iterable<P2hStatus>): P2hStatus {
  let worst: P2hStatus = 'normal';
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}

export const STATUS_LABEL: Record<P2hStatus, string> = {
  normal: 'NORMAL',
  warning: 'WARNING (PERLU PERBAIKAN)',
  abnormal: 'ABNORMAL (STOP OPERASI)',
};
