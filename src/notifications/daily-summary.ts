/**
 * The daily summary at DAILY_SUMMARY_AT: to the admin group (Indonesian) and to each linked admin or
 * superadmin who did not turn it off (their language, silent or held over their quiet hours). Each
 * recipient's copy has a once-only key per day, so workers, restarts and reruns queue it once.
 */
import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { addDays, localTime, startOfLocalDay } from '../lib/time.js';
import { dayCompliance } from '../p2h/day-compliance.js';
import { defectActivityBetween, type DefectActivityItem } from '../defects/day-activity.js';
import { planDelivery } from '../preferences/rules.js';
import type { PreferencesService } from '../preferences/service.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { unitsOutOfService } from '../vehicles/out-of-service.js';
import type { VehiclesService } from '../vehicles/service.js';
import type { Outbox } from './outbox.js';
import { renderDailySummary, type DailySummaryData } from './render-summary.js';
import type { Route } from './routing.js';
import { telegramNotifications } from './schema.js';

export const summaryKey = (day: string, recipient: 'group' | number) => `daily_summary:${day}:${recipient === 'group' ? 'group' : `user-${recipient}`}`;

export interface SummaryDeps {
  db: Db;
  vehicles: Pick<VehiclesService, 'listActiveSummaries' | 'summariesByIds'>;
  telegramLinks: Pick<TelegramLinkService, 'linkedChatsOf'>;
  preferences: Pick<PreferencesService, 'forUsers'>;
  outbox: Pick<Outbox, 'enqueueMessage' | 'signal'>;
  /** The admin group (routeAdminAlert), or why its copy is recorded as skipped. */
  groupRoute: Route;
  botConfigured: boolean;
}

export interface SummaryResult {
  today: string;
  /** Copies written now (the group's and the admins'). */
  queued: number;
  /** Copies that were already queued today (another worker, an earlier run). */
  already_queued: number;
  /** Admins who turned the summary off. */
  turned_off: number;
}

/** Failed notifications whose last attempt was in [from, to). */
async function failedBetween(db: Db, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(telegramNotifications)
    .where(and(eq(telegramNotifications.status, 'failed'), gte(telegramNotifications.updatedAt, from), lt(telegramNotifications.updatedAt, to)));
  return row?.n ?? 0;
}

/** Today's figures, from the features that own them. */
export async function summaryData(deps: SummaryDeps, now: Date, timeZone: string): Promise<DailySummaryData> {
  const today = localTime(now, timeZone).date;
  const from = startOfLocalDay(today, timeZone);
  const to = startOfLocalDay(addDays(today, 1), timeZone);
  const [units, outOfService, activity, failed] = await Promise.all([
    deps.vehicles.listActiveSummaries(),
    unitsOutOfService(deps.db),
    defectActivityBetween(deps.db, from, to),
    failedBetween(deps.db, from, to),
  ]);
  const compliance = await dayCompliance(deps.db, units, now, timeZone);
  const ids = [...new Set([...activity.opened, ...activity.repaired].map((d) => d.vehicle_id))];
  const unitsById = await deps.vehicles.summariesByIds(ids);
  const named = (items: DefectActivityItem[]) =>
    items.map((d) => ({ unit_code: unitsById.get(d.vehicle_id)?.unit_code ?? `#${d.vehicle_id}`, item_name: d.item_name, severity: d.severity }));
  return {
    date: today,
    at: now,
    timeZone,
    compliance,
    outOfService,
    defectsOpened: named(activity.opened),
    defectsRepaired: named(activity.repaired),
    failedNotifications: failed,
  };
}

/** Queues today's summary for the group and every admin who wants it; a repeat queues nothing more. */
export async function queueDailySummary(deps: SummaryDeps, now: Date, timeZone: string): Promise<SummaryResult> {
  const data = await summaryData(deps, now, timeZone);
  const admins = await deps.telegramLinks.linkedChatsOf(['admin', 'superadmin']);
  const prefs = await deps.preferences.forUsers(admins.map((a) => a.userId));
  const result: SummaryResult = { today: data.date, queued: 0, already_queued: 0, turned_off: 0 };
  const rendered = { id: renderDailySummary(data, 'id'), en: renderDailySummary(data, 'en') };
  const enqueue = async (message: Parameters<SummaryDeps['outbox']['enqueueMessage']>[1]) => {
    if (await deps.outbox.enqueueMessage(deps.db, message)) result.queued += 1;
    else result.already_queued += 1;
  };
  await enqueue({ type: 'daily_summary', message: rendered.id, route: deps.groupRoute, dedupeKey: summaryKey(data.date, 'group') });
  for (const admin of admins) {
    const pref = prefs.get(admin.userId)!;
    const plan = planDelivery(pref, 'daily_summary', now, timeZone);
    if (!plan.send) {
      result.turned_off += 1;
      continue;
    }
    const route: Route = deps.botConfigured ? { status: 'pending', chatId: admin.chatId, kind: 'personal' } : deps.groupRoute;
    await enqueue({
      type: 'daily_summary',
      message: rendered[pref.language],
      route,
      userId: admin.userId,
      dedupeKey: summaryKey(data.date, admin.userId),
      silent: plan.silent,
      notBefore: plan.notBefore,
    });
  }
  if (result.queued > 0) deps.outbox.signal();
  return result;
}
