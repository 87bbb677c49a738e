import { eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../lib/errors.js';
import type { NotificationPreferences, NotificationPreferencesUpdate } from './api-schemas.js';
import { DEFAULT_PREFERENCES, quietHoursProblem } from './rules.js';
import { notificationPreferences, type NotificationPreferencesRow } from './schema.js';
import type { Language } from './values.js';

/** A person's notification preferences: what the outbox and the bot ask, what the profile and /settings change. */
export class PreferencesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async get(userId: number, executor: Executor = this.db): Promise<NotificationPreferences> {
    const [row] = await executor.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    return row ? toWire(row) : { ...DEFAULT_PREFERENCES };
  }

  /** Everyone's preferences at once (an alert to many people); absent people get the defaults. */
  async forUsers(userIds: readonly number[], executor: Executor = this.db): Promise<Map<number, NotificationPreferences>> {
    const result = new Map<number, NotificationPreferences>(userIds.map((id) => [id, { ...DEFAULT_PREFERENCES }]));
    if (userIds.length === 0) return result;
    const rows = await executor.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...new Set(userIds)]));
    for (const row of rows) result.set(row.userId, toWire(row));
    return result;
  }

  /** Applies a partial change on top of what is stored (or the defaults) and stores the whole. */
  async update(userId: number, change: NotificationPreferencesUpdate): Promise<NotificationPreferences> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(userId, tx);
      const next: NotificationPreferences = { ...current, ...change };
      const problem = quietHoursProblem(next.quiet_hours_start, next.quiet_hours_end);
      if (problem) {
        throw new DomainError('INVALID_QUIET_HOURS', problem, {
          details: [{ field: next.quiet_hours_start ? 'quiet_hours_end' : 'quiet_hours_start', code: 'quiet_hours', message: problem }],
        });
      }
      const values = { ...toRow(next), updatedAt: this.clock() };
      await tx
        .insert(notificationPreferences)
        .values({ userId, ...values })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
      return next;
    });
  }

  /** The first language, from Telegram, only when the person never chose one. */
  async setLanguageIfUnset(userId: number, language: Language): Promise<void> {
    await this.db
      .insert(notificationPreferences)
      .values({ userId, language, updatedAt: this.clock() })
      .onConflictDoNothing({ target: notificationPreferences.userId });
  }

  /** Languages of these people, for rendering their messages (defaults to Indonesian). */
  async languages(userIds: readonly number[], executor: Executor = this.db): Promise<Map<number, Language>> {
    const prefs = await this.forUsers(userIds, executor);
    return new Map([...prefs].map(([id, p]) => [id, p.language]));
  }
}

function toWire(row: NotificationPreferencesRow): NotificationPreferences {
  return {
    p2h_warning: row.p2hWarning,
    // The column's type allows off; the rule does not (an ABNORMAL alert always goes out).
    p2h_abnormal: row.p2hAbnormal === 'silent' ? 'silent' : 'on',
    defects: row.defects,
    expiry: row.expiry,
    daily_summary: row.dailySummary,
    quiet_hours_start: row.quietHoursStart,
    quiet_hours_end: row.quietHoursEnd,
    language: row.language,
  };
}

function toRow(prefs: NotificationPreferences) {
  return {
    p2hWarning: prefs.p2h_warning,
    p2hAbnormal: prefs.p2h_abnormal,
    defects: prefs.defects,
    expiry: prefs.expiry,
    dailySummary: prefs.daily_summary,
    quietHoursStart: prefs.quiet_hours_start,
    quietHoursEnd: prefs.quiet_hours_end,
    language: prefs.language,
  } satisfies Omit<typeof notificationPreferences.$inferInsert, 'userId' | 'updatedAt'>;
}

