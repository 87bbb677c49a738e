import { useCallback, useEffect, useState } from 'react';
import type { QueuedReport } from './queue-model';
import { allQueued, deleteQueued, onQueueChange } from './queue-store';
import { flushQueue, resumeAfterLogin } from './sender';

/** How often the phone looks at the queue; each record's own backoff decides whether it is tried. */
const TICK_MS = 15_000;

/** This user's queued reports, kept current (this tab and others). */
export function useQueuedReports(userId: number): { records: QueuedReport[]; dismiss(id: string): void } {
  const [records, setRecords] = useState<QueuedReport[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      allQueued()
        .then((all) => alive && setRecords(all.filter((r) => r.user_id === userId)))
        .catch(() => undefined); // no IndexedDB (private mode on old browsers): nothing queued to show
    load();
    const stop = onQueueChange(load);
    return () => {
      alive = false;
      stop();
    };
  }, [userId]);
  const dismiss = useCallback((id: string) => void deleteQueued(id).catch(() => undefined), []);
  return { records, dismiss };
}

/**
 * Keeps sending: when the app starts (also after it was closed with reports waiting), when the
 * connection comes back, when the app comes to the front, and on a timer. Not Background Sync,
 * which many phones' browsers lack.
 */
export function useQueueSender(userId: number): void {
  useEffect(() => {
    const flush = () => void flushQueue(userId).catch(() => undefined);
    void resumeAfterLogin(userId).catch(() => undefined).then(flush);
    const whenVisible = () => document.visibilityState === 'visible' && flush();
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', whenVisible);
    const timer = window.setInterval(flush, TICK_MS);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', whenVisible);
      window.clearInterval(timer);
    };
  }, [userId]);
}
