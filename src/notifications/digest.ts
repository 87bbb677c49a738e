/**
 * EXPIRY_ALERT_MODE=digest: one message a day to the admin group listing the documents that reached
 * a threshold that day and every expired one (instead of one message per document).
 */
import { and, like, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { addDays, localTime } from '../lib/time.js';
import type { VehiclesService } from '../vehicles/service.js';
import { digestEntries } from './digest-rules.js';
import { FIRST_THRESHOLD } from './expiry-rules.js';
import type { Outbox } from './outbox.js';
import { renderExpiryDigest } from './render-digest.js';
import type { Route } from './routing.js';
import { telegramNotifications } from './schema.js';

const KEY_PREFIX = 'expiry_digest:';

/** `expiry_digest:2026-12-01:part-1`: once per day and part, whatever the number of workers and restarts. */
export const digestKey = (day: string, part: number) => `${KEY_PREFIX}${day}:part-${part}`;

export interface DigestDeps {
  db: Db;
  vehicles: Pick<VehiclesService, 'documentsExpiringBefore'>;
  outbox: Pick<Outbox, 'enqueueMessage' | 'signal'>;
  /** The admin group (routeAdminAlert), or why the digest is recorded as skipped. */
  route: Route;
}

export interface DigestResult {
  today: string;
  /** Documents listed in the digest queued now (0 when it was already queued or there was nothing to list). */
  documents_listed: number;
  messages_queued: number;
  /** Today's digest had been queued before (by another worker, an earlier run or before a restart). */
  already_queued: boolean;
}

/** The last day before `today` a digest was queued: what "reached a threshold since" counts from. */
async function previousDigestDay(db: Db, today: string): Promise<string | undefined> {
  const [row] = await db
    .select({ key: sql<string | null>`max(${telegramNotifications.dedupeKey})` })
    .from(telegramNotifications)
    .where(and(like(telegramNotifications.dedupeKey, `${KEY_PREFIX}%`), lt(telegramNotifications.dedupeKey, `${KEY_PREFIX}${today}`)));
  return row?.key ? row.key.slice(KEY_PREFIX.length, KEY_PREFIX.length + 10) : undefined;
}

async function alreadyQueued(db: Db, today: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(telegramNotifications)
    .where(sql`${telegramNotifications.dedupeKey} = ${digestKey(today, 1)}`);
  return rows.length > 0;
}

/**
 * Queues today's digest (in P2H_TIMEZONE) unless it is already queued. All parts are written in one
 * transaction that starts with part 1: a second writer waits on part 1's unique key, finds it taken
 * and writes nothing, so the day's parts always come from one rendering.
 */
export async function queueExpiryDigest(deps: DigestDeps, now: Date, timeZone: string): Promise<DigestResult> {
  const today = localTime(now, timeZone).date;
  const nothing = (already: boolean): DigestResult => ({ today, documents_listed: 0, messages_queued: 0, already_queued: already });
  if (await alreadyQueued(deps.db, today)) return nothing(true);
  const documents = await deps.vehicles.documentsExpiringBefore(addDays(today, FIRST_THRESHOLD));
  const entries = digestEntries(documents, today, await previousDigestDay(deps.db, today));
  const parts = renderExpiryDigest(entries, today);
  if (parts.length === 0) return nothing(false);
  const queued = await deps.db.transaction(async (tx) => {
    for (const [i, message] of parts.entries()) {
      const fresh = await deps.outbox.enqueueMessage(tx, { type: 'expiry_digest', message, route: deps.route, dedupeKey: digestKey(today, i + 1) });
      if (!fresh && i === 0) return false;
    }
    return true;
  });
  if (!queued) return nothing(true);
  deps.outbox.signal();
  return { today, documents_listed: entries.length, messages_queued: parts.length, already_queued: false };
}
