import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import { addDays, localTime } from '../lib/time.js';
import type { ExpiringDocument } from '../vehicles/documents.js';
import type { VehiclesService } from '../vehicles/service.js';
import { dueExpiryAlert, FIRST_THRESHOLD } from './expiry-rules.js';
import type { Outbox } from './outbox.js';
import { renderExpiryAlert } from './render.js';

/** Documents read, rendered and queued at a time. */
const SCAN_PAGE = 1_000;

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
  const checked = await deps.vehicles.countDocumentsExpiringBefore(cutoff);
  let created = 0;
  // Already-announced slots are left out in SQL, so a repeat scan reads, renders and inserts
  // nothing. Pages are read, rendered and queued one at a time, yielding between them, so a large
  // fleet never holds the event loop for long.
  let after: ExpiringDocument | undefined;
  for (;;) {
    const documents = await deps.outbox.unannouncedExpiryDocuments(today, cutoff, { after, limit: SCAN_PAGE });
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
    created += await deps.outbox.enqueueExpiryAlerts(alerts);
    if (documents.length < SCAN_PAGE) break;
    after = documents[documents.length - 1];
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { today, documents_checked: checked, alerts_created: created };
}

/** The daily scan at EXPIRY_CHECK_AT in P2H_TIMEZONE, plus one at start to catch up on missed days. */
export function scheduleExpiryScan(options: {
  at: { hour: number; minute: number };
  timeZone: string;
  run: () => Promise<ExpiryScanResult>;
  log: FastifyBaseLogger;
}): { stop(): void } {
  const runLogged = async (why: string) => {
    try {
      const result = await options.run();
      options.log.info({ ...result, why }, 'document expiry scan done');
    } catch (error) {
      options.log.error({ err: error, why }, 'document expiry scan failed');
    }
  };
  const job = new Cron(`${options.at.minute} ${options.at.hour} * * *`, { timezone: options.timeZone, protect: true }, () => runLogged('schedule'));
  void runLogged('start-up catch-up');
  return { stop: () => job.stop() };
}
