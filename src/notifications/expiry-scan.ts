import { addDays, localTime } from '../lib/time.js';
import type { ExpiringDocument } from '../vehicles/documents.js';
import type { VehiclesService } from '../vehicles/service.js';
import { dueExpiryAlert, FIRST_THRESHOLD } from './expiry-rules.js';
import type { Outbox } from './outbox.js';
import { renderExpiryAlert } from './render.js';

/**
 * Documents read at a time: each page is a query planned anew (~20 ms here), so 1 000-row pages
 * spent over a second of the first 100 000-unit scan in planning alone.
 */
const SCAN_PAGE = 5_000;
/** Documents rendered and inserted at a time: a few ms of work each, so requests get through between. */
const INSERT_SLICE = 1_000;

/**
 * Slices inserted at once. PostgreSQL spends the first scan's time inserting rows (index entries,
 * foreign keys, the conflict check) on one backend, i.e. one core; two slices in flight keep a
 * second backend busy while Node renders the next slice. (PGlite has one connection: it queues them.)
 */
const INSERTS_IN_FLIGHT = 2;

/** Renders a slice of documents into the alerts due today. Pure CPU, a few ms per slice. */
function dueAlerts(documents: ExpiringDocument[], today: string) {
  const alerts = [];
  for (const doc of documents) {
    const due = dueExpiryAlert(doc.expiry_date, today);
    if (!due) continue;
    alerts.push({
      vehicleId: doc.vehicle_id,
      documentType: doc.document_type,
      expiryDate: doc.expiry_date,
      thresholdKey: due.key,
      message: renderExpiryAlert(doc, today),
    });
  }
  return alerts;
}

/** Queues the alerts due for a page of documents, a slice at a time; returns how many were new. */
async function queueDueAlerts(outbox: Outbox, documents: ExpiringDocument[], today: string): Promise<number> {
  let created = 0;
  const inFlight = new Set<Promise<void>>();
  for (let start = 0; start < documents.length; start += INSERT_SLICE) {
    if (inFlight.size >= INSERTS_IN_FLIGHT) await Promise.race(inFlight);
    const insert: Promise<void> = outbox.enqueueExpiryAlerts(dueAlerts(documents.slice(start, start + INSERT_SLICE), today)).then((count) => {
      created += count;
      inFlight.delete(insert);
    });
    inFlight.add(insert);
  }
  // allSettled first, so a failed slice does not leave the other running unobserved.
  const results = await Promise.allSettled(inFlight);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return created;
}

export interface ExpiryScanResult {
  today: string;
  documents_checked: number;
  alerts_created: number;
}

/**
 * Finds STNK/KIR/pajak documents within 30 days of expiry (or past it) and queues the alert each
 * is due. Idempotent: run it twice, from two processes, or after a week of downtime, and every
 * threshold is still announced exactly once.
 */
export async function scanExpiringDocuments(deps: { vehicles: VehiclesService; outbox: Outbox }, now: Date, timeZone: string): Promise<ExpiryScanResult> {
  const today = localTime(now, timeZone).date;
  const cutoff = addDays(today, FIRST_THRESHOLD);
  // The count is for the log line only: it runs beside the first page instead of before it.
  const checked = deps.vehicles.countDocumentsExpiringBefore(cutoff);
  checked.catch(() => {}); // awaited at the end; not an unhandled rejection if a page fails first
  let created = 0;
  // Already-announced slots are left out in SQL, so a repeat scan reads, renders and inserts
  // nothing. The next page is read while this one is rendered and inserted (keyset paging: its
  // cursor is this page's last row), so the scan waits for one query at a time, not two.
  const readPage = (after?: ExpiringDocument) => {
    const page = deps.outbox.unannouncedExpiryDocuments(today, cutoff, { after, limit: SCAN_PAGE });
    page.catch(() => {}); // awaited below; not an unhandled rejection if the insert fails first
    return page;
  };
  let next: Promise<ExpiringDocument[]> | undefined = readPage();
  while (next) {
    const documents: ExpiringDocument[] = await next;
    next = documents.length === SCAN_PAGE ? readPage(documents[documents.length - 1]) : undefined;
    created += await queueDueAlerts(deps.outbox, documents, today);
  }
  return { today, documents_checked: await checked, alerts_created: created };
}
