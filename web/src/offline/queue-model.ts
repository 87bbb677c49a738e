/**
 * The report queue's records and rules, as plain functions (no browser, no imports): every report a
 * driver submits is queued first, then sent; these decide what a record looks like, what an answer
 * from the server does to it, and when to try again. Unit-tested in test/unit/offline-queue.test.ts.
 */

/** Bump when the record's shape changes, and teach `upgradeRecord` the old shape: a new release must still send what an old one queued. */
export const QUEUE_RECORD_VERSION = 1;

/** waiting: to send (again); sent: the server has it; rejected: refused for good, shown until dismissed; login: waits for a new session. */
export type QueueState = 'waiting' | 'sent' | 'rejected' | 'login';

export interface QueuedPhoto {
  checklist_item_id: number;
  blob: Blob;
  /** the id POST /api/photos gave it: set once, so a retry does not upload it again */
  uploaded_id?: number;
}

export interface QueuedBody {
  vehicle_id: number;
  shift_number: number;
  odometer: number | null;
  details: { checklist_item_id: number; status: 'normal' | 'warning' | 'abnormal'; keterangan: string | null }[];
  location?: { latitude: number; longitude: number; accuracy_m: number };
}

export interface QueueError {
  status: number;
  code: string;
  message: string;
}

export interface QueuedReport {
  version: number;
  client_submission_id: string;
  /** whose report it is: only their session sends it */
  user_id: number;
  /** ISO time (this phone's clock) the driver filled it: the wait since then is sent as waited_seconds, so the server judges the slot at that instant */
  created_at: string;
  /** unit code and slot for the list on screen */
  label: string;
  body: QueuedBody;
  photos: QueuedPhoto[];
  state: QueueState;
  attempts: number;
  last_error: QueueError | null;
  /** ISO time of the last attempt, for the backoff */
  last_attempt_at: string | null;
  sent_at: string | null;
  report_id: number | null;
}

export function newQueuedReport(input: {
  id: string;
  userId: number;
  now: Date;
  label: string;
  body: QueuedBody;
  photos: { checklist_item_id: number; blob: Blob }[];
}): QueuedReport {
  return {
    version: QUEUE_RECORD_VERSION,
    client_submission_id: input.id,
    user_id: input.userId,
    created_at: input.now.toISOString(),
    label: input.label,
    body: input.body,
    photos: input.photos.map((p) => ({ checklist_item_id: p.checklist_item_id, blob: p.blob })),
    state: 'waiting',
    attempts: 0,
    last_error: null,
    last_attempt_at: null,
    sent_at: null,
    report_id: null,
  };
}

/** A record as stored by any release; null for something this release cannot understand (kept out of the sender). */
export function upgradeRecord(stored: unknown): QueuedReport | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const record = stored as Partial<QueuedReport>;
  if (typeof record.client_submission_id !== 'string' || typeof record.body !== 'object' || record.body === null) return null;
  // Version 1 is the first one; a future version 2 adds its conversion here.
  if (record.version !== 1) return null;
  return record as QueuedReport;
}

/** What the sender does after an answer: 'sent', keep it for the driver ('rejected'), wait for a login, or try again later. */
export type Outcome = 'sent' | 'rejected' | 'login' | 'retry';

/**
 * 200/201 sent (200 = the server already had this client_submission_id). 401: the session is over,
 * keep it until a new login. 408, 429, 5xx and no answer at all (status 0): try again. Any other 4xx
 * is the server's final word (slot taken, unit inactive…): show it to the driver.
 */
export function outcomeOf(status: number): Outcome {
  if (status === 200 || status === 201) return 'sent';
  if (status === 401) return 'login';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'rejected';
  return 'retry';
}

/** Seconds to wait before attempt n+1 after n failed attempts: 5 s doubling, capped at 5 minutes, ±20 % jitter so phones spread out. */
export function retryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
  return Math.round(base * (0.8 + 0.4 * random));
}

/** May the sender try this record now? */
export function isDue(record: QueuedReport, now: Date, retryAfterMs?: number): boolean {
  if (record.state !== 'waiting') return false;
  if (!record.last_attempt_at || record.attempts === 0) return true;
  const wait = retryAfterMs ?? retryDelayMs(record.attempts, 0.5);
  return now.getTime() - Date.parse(record.last_attempt_at) >= wait;
}

/** The record after an attempt ended with this outcome. */
export function afterAttempt(record: QueuedReport, outcome: Outcome, now: Date, result: { reportId?: number; error?: QueueError }): QueuedReport {
  const attempted = { ...record, attempts: record.attempts + 1, last_attempt_at: now.toISOString() };
  switch (outcome) {
    case 'sent':
      return { ...attempted, state: 'sent', sent_at: now.toISOString(), report_id: result.reportId ?? null, last_error: null };
    case 'rejected':
      return { ...attempted, state: 'rejected', last_error: result.error ?? null };
    case 'login':
      return { ...attempted, state: 'login', last_error: result.error ?? null };
    case 'retry':
      return { ...attempted, state: 'waiting', last_error: result.error ?? null };
  }
}

/** After a new login every record that waited for one is sent again (from the start of the backoff). */
export function afterLogin(record: QueuedReport): QueuedReport {
  return record.state === 'login' ? { ...record, state: 'waiting', attempts: 0, last_attempt_at: null } : record;
}

/** Sent records stay listed (with their time) for a day, then go: the phone's storage is small. */
export const KEEP_SENT_MS = 24 * 3600_000;

export function isExpiredSent(record: QueuedReport, now: Date): boolean {
  return record.state === 'sent' && record.sent_at !== null && now.getTime() - Date.parse(record.sent_at) > KEEP_SENT_MS;
}

/** How many reports still wait to be sent (the number on screen). */
export function countWaiting(records: readonly QueuedReport[]): number {
  return records.filter((r) => r.state === 'waiting' || r.state === 'login').length;
}

/** The body of POST /api/p2h/reports: the photos' ids on their answers, the id that makes a resend harmless, and when it was filled. */
export function reportPayload(record: QueuedReport, now = Date.now()) {
  const photoIds = new Map<number, number[]>();
  for (const photo of record.photos) {
    if (photo.uploaded_id === undefined) throw new Error('photo not uploaded yet');
    photoIds.set(photo.checklist_item_id, [...(photoIds.get(photo.checklist_item_id) ?? []), photo.uploaded_id]);
  }
  return {
    vehicle_id: record.body.vehicle_id,
    shift_number: record.body.shift_number,
    odometer: record.body.odometer,
    details: record.body.details.map((d) => {
      const ids = photoIds.get(d.checklist_item_id);
      return ids ? { ...d, photo_ids: ids } : d;
    }),
    client_submission_id: record.client_submission_id,
    // How long it waited, on this phone's clock alone: the server dates it from its own clock, so a
    // phone set hours wrong still files the right slot.
    waited_seconds: Math.max(0, Math.round((now - Date.parse(record.created_at)) / 1000)),
    ...(record.body.location ? { location: record.body.location } : {}),
  };
}
