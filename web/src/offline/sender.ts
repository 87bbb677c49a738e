/**
 * Sends queued reports: each photo not uploaded yet (its id kept in the record, so a retry does not
 * upload it again), then the report with its client_submission_id, so a send whose answer was lost
 * never makes a second report. One sender at a time across tabs (Web Locks where the browser has them;
 * the server's id check covers the rest).
 */
import { isApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { ReportDetail } from '../api/types';
import { uploadPhoto } from '../photos/photo-api';
import { afterAttempt, afterLogin, isDue, isExpiredSent, outcomeOf, reportPayload, type QueuedReport } from './queue-model';
import { allQueued, deleteQueued, getQueued, putQueued } from './queue-store';

export interface Attempt {
  record: QueuedReport;
  report?: ReportDetail;
  /** what the server or the network said, for a record not sent */
  error?: unknown;
}

function exclusively<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('p2h-report-queue', work) as Promise<T>;
  return work();
}

async function attempt(start: QueuedReport): Promise<Attempt> {
  let record = start;
  try {
    for (let i = 0; i < record.photos.length; i += 1) {
      if (record.photos[i]!.uploaded_id !== undefined) continue;
      const photo = await uploadPhoto(record.photos[i]!.blob);
      record = { ...record, photos: record.photos.map((p, j) => (j === i ? { ...p, uploaded_id: photo.id } : p)) };
      await putQueued(record);
    }
    const report = await api.submitReport(reportPayload(record));
    record = afterAttempt(record, 'sent', new Date(), { reportId: report.id });
    await putQueued(record);
    return { record, report };
  } catch (error) {
    const status = isApiError(error) ? error.status : 0;
    const detail = isApiError(error) ? { status, code: error.code, message: error.message } : { status: 0, code: 'NETWORK_ERROR', message: String(error) };
    record = afterAttempt(record, outcomeOf(status), new Date(), { error: detail });
    await putQueued(record);
    return { record, error };
  }
}

/** Queues a report and tries it at once: the one path for every submission, online or not. */
export async function submitThroughQueue(record: QueuedReport): Promise<Attempt> {
  await putQueued(record);
  return exclusively(async () => {
    const current = await getQueued(record.client_submission_id);
    // Another tab may have sent it in between.
    if (!current || current.state !== 'waiting') return { record: current ?? record };
    return attempt(current);
  });
}

let flushing: Promise<void> | null = null;

/** Sends every due record of this user; forgets sent ones after a day. Calls overlapping a running flush join it. */
export function flushQueue(userId: number): Promise<void> {
  flushing ??= exclusively(async () => {
    for (const stored of await allQueued()) {
      if (stored.user_id !== userId) continue;
      if (isExpiredSent(stored, new Date())) {
        await deleteQueued(stored.client_submission_id);
        continue;
      }
      if (!isDue(stored, new Date())) continue;
      const { record } = await attempt(stored);
      if (record.state === 'login') break; // the session is over: the rest would fail the same way
      if (record.state === 'waiting' && record.last_error?.status === 0) break; // no connection: wait for the next turn
    }
  }).finally(() => {
    flushing = null;
  });
  return flushing;
}

/** After a new login, what waited for one is sent again. */
export async function resumeAfterLogin(userId: number): Promise<void> {
  for (const record of await allQueued()) {
    if (record.user_id === userId && record.state === 'login') await putQueued(afterLogin(record));
  }
}
