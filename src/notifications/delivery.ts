import type { FastifyBaseLogger } from 'fastify';
import type { Api } from 'grammy';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { Pacer, type SendPacer } from './pacer.js';
import { silentInGroup } from './recipient-plan.js';
import { routeP2hAlert } from './routing.js';
import { telegramNotifications, type NotificationRow } from './schema.js';
import { planDelivery, stepCount } from './photo-plan.js';
import { readPhotoFiles, type PhotoFile, type PhotoFiles } from './send-photos.js';
import { readForSending, sendPhotoStep, sendTextStep, TelegramSendError } from './send-steps.js';
import type { InlineKeyboard } from './render-defects.js';
import { backoffMs, classifySendError, MAX_ATTEMPTS, type SendFailure } from './telegram-errors.js';

export interface DeliveryOptions {
  db: Db;
  api: Api;
  links: TelegramLinkService;
  /** TELEGRAM_CHAT_ID: where a blocked user's alerts are rerouted. */
  groupChatId: string | undefined;
  log: FastifyBaseLogger;
  now?: () => Date;
  /** How long a claimed row belongs to this worker before others may take it over. */
  leaseMs?: number;
  batchSize?: number;
  /** Safety net: look for due rows this often even when nobody wakes the worker. */
  pollMs?: number;
  /** Default: this process's own budget; running workers share one in the database (SharedPacer). */
  pacer?: SendPacer;
  /**
   * Messages in flight at once. 1 (the default) means a crash duplicates at most one message; more
   * keeps the planned rate when Telegram is far away (each in-flight message may be duplicated by a crash).
   */
  concurrency?: number;
  /** Attempts before an undeliverable notification is marked failed (tests shorten the wait). */
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
  /** The stored photo files a notification's `photo_ids` name (a report alert's defect photos). */
  photos: PhotoFiles;
}

type Row = NotificationRow;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers the outbox. Several workers may run against PostgreSQL: rows are claimed with
 * FOR UPDATE SKIP LOCKED and a lease, and a row whose lease ran out (its worker died) is due again.
 * A worker sends one message at a time and renews its claim on a row just before sending it, so
 * nothing is lost, no two workers send the same row, and a crash costs at most the one message
 * that was in flight (for a row with photos, possibly its album: one step, see `send`).
 */
export class DeliveryWorker {
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly pacer: SendPacer;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly backoff: (attempt: number) => number;
  /** Group ids Telegram told us were upgraded to supergroups. */
  private readonly migrated = new Map<string, string>();
  private running = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;

  constructor(private readonly options: DeliveryOptions) {
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 60_000;
    // Small batches: rows claimed by a worker that then crashes wait out the lease.
    this.batchSize = options.batchSize ?? 10;
    this.pollMs = options.pollMs ?? 2_000;
    this.pacer = options.pacer ?? new Pacer();
    this.maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.backoff = options.backoff ?? ((attempt) => backoffMs(attempt));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run();
  }

  /** New rows were written: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.woken = false;
        const handled = await this.deliverDue();
        failures = 0;
        if (handled > 0 || this.woken) continue;
        await this.idle(this.pollMs);
      } catch (error) {
        // Database down or restarting: wait and try again; never a crash loop.
        failures += 1;
        this.options.log.error({ err: error }, 'notification delivery loop failed; retrying');
        await this.idle(Math.min(1_000 * 2 ** failures, 30_000));
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Claims the rows that are due and delivers them, soonest-sendable first. Returns how many. */
  async deliverDue(): Promise<number> {
    const rows = await this.claim();
    const remaining = [...rows];
    const lane = async () => {
      while (remaining.length > 0 && !this.stopping) {
        // The row whose chat can be sent to soonest goes next, so one busy chat does not hold up the rest.
        let next = 0;
        for (let i = 1; i < remaining.length; i++) {
          if (this.pacer.delayFor(this.chatFor(remaining[i]!)) < this.pacer.delayFor(this.chatFor(remaining[next]!))) next = i;
        }
        const [row] = remaining.splice(next, 1);
        await this.deliverPaced(row!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane));
    // Stopping mid-batch: hand the rest back now rather than after the lease.
    for (const row of remaining) await this.update(row, { status: 'pending', nextAttemptAt: this.now() });
    return rows.length;
  }

  private async claim(): Promise<Row[]> {
    const t = telegramNotifications;
    const now = this.now();
    return this.options.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: t.id })
        .from(t)
        .where(and(inArray(t.status, ['pending', 'sending']), lte(t.nextAttemptAt, now)))
        .orderBy(t.nextAttemptAt, t.id)
        .limit(this.batchSize)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const claimed = await tx
        .update(t)
        .set({
          status: 'sending',
          claimId: randomUUID(),
          nextAttemptAt: new Date(now.getTime() + this.leaseMs),
          updatedAt: now,
        })
        .where(inArray(t.id, due.map((d) => d.id)))
        .returning();
      return claimed.sort((a, b) => a.id - b.id);
    });
  }

  private async deliverPaced(claimed: Row): Promise<void> {
    const chatId = this.chatFor(claimed);
    const wait = this.pacer.delayFor(chatId);
    // Too far out (a busy group): hand the row back instead of holding it past its lease.
    if (wait > 5_000) return this.update(claimed, { status: 'pending', nextAttemptAt: this.later(wait) });
    // Still ours? A slow batch can outlive the lease; then another worker owns the row now.
    const row = await this.startAttempt(claimed);
    if (!row) return;
    // Keep the claim alive while Telegram is slow to answer, so no second worker sends it too.
    const heartbeat = setInterval(() => void this.renewClaim(row).catch(() => {}), Math.max(1_000, Math.floor(this.leaseMs / 3)));
    try {
      await this.send(row, chatId);
    } catch (error) {
      // Only Telegram's answers are send failures; a database error goes up to the run loop.
      if (!(error instanceof TelegramSendError)) throw error;
      await this.handleFailure(row, chatId, classifySendError(error.cause));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Steps: the photo or album first (if the row has photos), then the text parts. `parts_sent`
   * counts the steps Telegram accepted, so a retry after a 429 or a crash resumes with the next
   * step and never sends an accepted album again.
   */
  private async send(row: Row, chatId: string): Promise<void> {
    // The photo step is always the first, so the files are only needed before anything went out.
    let files: PhotoFile[] = [];
    if (row.partsSent === 0 && row.photoIds.length > 0) ({ row, files } = await this.loadPhotos(row));
    const plan = planDelivery(row.photoIds.length, row.message);
    const steps = stepCount(plan);
    const mediaSteps = plan.media ? 1 : 0;
    let firstMessageId = row.telegramMessageId;
    for (let index = row.partsSent; index < steps; index++) {
      await sleep(await this.pacer.reserve(chatId));
      // Buttons (a defect alert's 🔧 Tangani) go with the last step, under the text they belong to.
      const markup = index === steps - 1 ? (row.replyMarkup as InlineKeyboard | null) : null;
      // A silent row is silent on every step: one ringing part would defeat the recipient's choice.
      const how = { markup, silent: row.disableNotification };
      const { api, log } = this.options;
      const message =
        index < mediaSteps
          ? await sendPhotoStep(api, chatId, plan.media!, files, how, log)
          : await sendTextStep(api, chatId, plan.textParts[index - mediaSteps]!, how, log);
      firstMessageId ??= String(message.message_id);
      if (index < steps - 1) {
        await this.update(row, { partsSent: index + 1, telegramMessageId: firstMessageId });
        row = { ...row, partsSent: index + 1, telegramMessageId: firstMessageId };
      }
    }
    // last_error is kept: after a reroute or a retry it tells the story of how the message got there.
    await this.update(row, { status: 'sent', sentAt: this.now(), partsSent: steps, telegramMessageId: firstMessageId, recipientChatId: chatId });
  }

  /**
   * Reads the row's photo files. Those whose file is gone are left out for good (the row keeps only
   * the rest), so every later attempt plans the same steps; with none left the message goes as text.
   */
  private async loadPhotos(row: Row): Promise<{ row: Row; files: PhotoFile[] }> {
    const read = await readForSending(() => readPhotoFiles(this.options.photos, row.photoIds));
    if (read.missing.length === 0) return { row, files: read.files };
    const photoIds = read.files.map((file) => file.id);
    // Kept beside any earlier story (a reroute), since the row is sent without them.
    const lastError = [row.lastError, `photo file gone: ${read.missing.join(', ')}`].filter(Boolean).join('; ');
    this.options.log.warn({ notification_id: row.id, missing_photo_ids: read.missing }, 'photo files of a notification are gone; sending without them');
    await this.update(row, { photoIds, lastError });
    return { row: { ...row, photoIds, lastError }, files: read.files };
  }

  private async handleFailure(row: Row, chatId: string, failure: SendFailure): Promise<void> {
    const log = this.options.log;
    switch (failure.kind) {
      case 'rate_limited': {
        const ms = failure.retryAfterSeconds * 1000;
        await this.pacer.pause(ms);
        log.warn({ notification_id: row.id, chat_id: chatId, retry_after: failure.retryAfterSeconds }, 'telegram rate limit; waiting as told');
        // Waiting as told is not a failed attempt.
        return this.update(row, { status: 'pending', attempts: row.attempts - 1, nextAttemptAt: this.later(ms), lastError: failure.reason });
      }
      case 'migrated': {
        this.migrated.set(chatId, failure.newChatId);
        log.error(
          { notification_id: row.id, old_chat_id: chatId, new_chat_id: failure.newChatId },
          `telegram group ${chatId} became supergroup ${failure.newChatId}: resending there — update TELEGRAM_CHAT_ID to ${failure.newChatId}`,
        );
        return this.update(row, { status: 'pending', attempts: row.attempts - 1, recipientChatId: failure.newChatId, nextAttemptAt: this.now(), lastError: failure.reason });
      }
      case 'blocked':
        return this.reroute(row, chatId, failure.reason);
      case 'transient':
      case 'bad_markup': {
        if (row.attempts >= this.maxAttempts) {
          log.error({ notification_id: row.id, chat_id: chatId, reason: failure.reason }, 'notification failed after all attempts');
          return this.update(row, { status: 'failed', lastError: `${failure.reason} (after ${row.attempts} attempts)` });
        }
        const delay = this.backoff(row.attempts);
        log.warn({ notification_id: row.id, attempt: row.attempts, retry_in_ms: delay, reason: failure.reason }, 'notification send failed; will retry');
        return this.update(row, { status: 'pending', nextAttemptAt: this.later(delay), lastError: failure.reason });
      }
      case 'permanent':
        log.error({ notification_id: row.id, chat_id: chatId, reason: failure.reason }, 'notification cannot be delivered');
        return this.update(row, { status: 'failed', lastError: failure.reason });
    }
  }

  /**
   * The user blocked the bot (or deactivated their account): mark it, and send a P2H alert to the
   * group instead. Messages meant for that person only (workshop alerts, a repair) just fail.
   */
  private async reroute(row: Row, chatId: string, reason: string): Promise<void> {
    if (row.recipientKind === 'personal' || row.recipientKind === 'workshop') await this.options.links.setReachable(chatId, false, 'delivery');
    if (row.recipientKind === 'personal' && (row.type === 'p2h_abnormal' || row.type === 'p2h_warning')) {
      const route = routeP2hAlert({ chatId, reachable: false }, this.options.groupChatId, true);
      if (route.status === 'pending') {
        this.options.log.warn({ notification_id: row.id, chat_id: chatId }, 'user blocked the bot; alert rerouted to the default group');
        return this.update(row, {
          status: 'pending',
          recipientChatId: route.chatId,
          recipientKind: route.kind,
          // The group's rule now: a WARNING without sound, an ABNORMAL with it.
          disableNotification: silentInGroup(row.type),
          attempts: 0,
          partsSent: 0,
          nextAttemptAt: this.now(),
          lastError: `${reason}; rerouted to the default group`,
        });
      }
    }
    this.options.log.error({ notification_id: row.id, chat_id: chatId, reason }, 'notification recipient refuses the bot');
    return this.update(row, { status: 'failed', lastError: reason });
  }

  /** Counts the attempt and renews the lease, if the row is still this claim's; else undefined. */
  private async startAttempt(row: Row): Promise<Row | undefined> {
    const [started] = await this.options.db
      .update(telegramNotifications)
      .set({ nextAttemptAt: this.later(this.leaseMs), attempts: sql`${telegramNotifications.attempts} + 1` })
      .where(this.ownedBy(row))
      .returning();
    return started;
  }

  private async renewClaim(row: Row): Promise<void> {
    await this.options.db.update(telegramNotifications).set({ nextAttemptAt: this.later(this.leaseMs) }).where(this.ownedBy(row));
  }

  private ownedBy(row: Row) {
    const t = telegramNotifications;
    return and(eq(t.id, row.id), eq(t.claimId, row.claimId!), eq(t.status, 'sending'));
  }

  private chatFor(row: Row): string {
    const chatId = row.recipientChatId!;
    return this.migrated.get(chatId) ?? chatId;
  }

  private later(ms: number): Date {
    return new Date(this.now().getTime() + ms);
  }

  /** Records an outcome, only while this worker's claim still owns the row. */
  private async update(row: Row, changes: Partial<typeof telegramNotifications.$inferInsert>): Promise<void> {
    const releasing = changes.status !== undefined && changes.status !== 'sending';
    await this.options.db
      .update(telegramNotifications)
      .set({ ...changes, ...(releasing ? { claimId: null } : {}), updatedAt: this.now() })
      .where(and(eq(telegramNotifications.id, row.id), eq(telegramNotifications.claimId, row.claimId!)));
  }
}
