/**
 * Transport-independent core of the fake Telegram Bot API: state, recording,
 * faults and the method dispatcher. server.ts puts HTTP in front of it.
 */
import type { Chat, Message, Update, User } from 'grammy/types';
import { BotState } from './bot-state.js';
import { groupChat, privateChat, UpdateBuilders, type NewUpdate } from './builders.js';
import { FaultBook, faultOutcome, type Outcome } from './faults.js';
import { MEDIA_METHODS, type StoredPhoto } from './media.js';
import { METHODS, syntheticChat } from './methods.js';
import type { UploadedFile } from './multipart.js';
import { toPredicate, Waiting, type MessageMatcher } from './waiting.js';
import {
  ApiError, badRequest, DEFAULT_BOT_USERNAME, DEFAULT_TOKEN, TELEGRAM_LIMITS,
  type ApiBody, type CallRecord, type Fault, type FaultSpec,
  type FakeTelegramOptions, type Limits, type Params, type SentMessage, type SentPhoto,
} from './types.js';

export class FakeTelegramCore extends UpdateBuilders {
  /** Accepted sendMessage calls, in order. */
  readonly sent: SentMessage[] = [];
  /** Accepted photos (sendPhoto, and each item of a sendMediaGroup album), in order. */
  readonly photos: SentPhoto[] = [];
  /** Photos the fake holds by the file_id it answered with, so a later send may reuse them. */
  readonly photoFiles = new Map<string, StoredPhoto>();
  /** Every answered request, in completion order. */
  readonly calls: CallRecord[] = [];
  /** Number of 429s given by the rate-limit enforcement (not by injected faults). */
  rateLimited = 0;
  readonly strictChats: boolean;
  readonly strictAmpersand: boolean;
  readonly maxPollSeconds: number;
  /** Chats the fake knows (registered or seen in injected updates). */
  readonly chats = new Map<number, Chat>();
  /** Group id -> supergroup id for `migrateGroup`. */
  readonly migrated = new Map<number, number>();
  /** Messages the bots sent, by `${token}|${chatId}|${messageId}` (for editMessageText). */
  readonly botMessages = new Map<string, Message>();
  protected closed = false;
  private readonly bots = new Map<string, BotState>();
  private readonly defaultToken: string;
  private readonly faults = new FaultBook();
  private readonly msgCounters = new Map<number, number>();
  private readonly waiting = new Waiting();
  private readonly sleepers = new Set<() => void>();
  private readonly clock: () => number | Date;

  constructor(options: FakeTelegramOptions = {}) {
    super();
    const tokens = options.tokens && options.tokens.length > 0 ? options.tokens : [DEFAULT_TOKEN];
    tokens.forEach((t, index) => {
      const cfg = typeof t === 'string' ? { token: t } : t;
      const over = index === 0 ? { ...options.bot, ...cfg } : cfg;
      const prefix = Number(/^(\d+):/.exec(cfg.token)?.[1] ?? 1000 + index);
      this.bots.set(cfg.token, new BotState(cfg.token, {
        id: over.id ?? prefix,
        username: over.username ?? (index === 0 ? DEFAULT_BOT_USERNAME : `${DEFAULT_BOT_USERNAME}${index + 1}`),
        first_name: over.first_name ?? 'P2H Test Bot',
      }));
    });
    this.defaultToken = (tokens[0] && (typeof tokens[0] === 'string' ? tokens[0] : tokens[0].token)) ?? DEFAULT_TOKEN;
    this.strictChats = options.strictChats ?? false;
    this.strictAmpersand = options.strictAmpersand ?? true;
    this.maxPollSeconds = options.maxPollSeconds ?? 50;
    this.clock = options.now ?? Date.now;
    if (options.enforceLimits) this.setLimits(options.enforceLimits);
  }

  // ---- bots, chats, clock ------------------------------------------------

  get tokens(): string[] {
    return [...this.bots.keys()];
  }

  /** Per-bot state (update queue, webhook, commands...). Throws for unknown tokens. */
  bot(token: string = this.defaultToken): BotState {
    const bot = this.bots.get(token);
    if (!bot) throw new Error(`fake-telegram: unknown token ${token}`);
    return bot;
  }

  findBot(token: string): BotState | undefined {
    return this.bots.get(token);
  }

  botUser(token?: string): User {
    const id = this.bot(token).identity;
    return { id: id.id, is_bot: true, first_name: id.first_name, username: id.username };
  }

  protected nowSeconds(): number {
    const v = this.clock();
    return Math.floor((typeof v === 'number' ? v : v.getTime()) / 1000);
  }

  dateNow(): number {
    return this.nowSeconds();
  }

  protected allocMessageId(chatId: number): number {
    const next = (this.msgCounters.get(chatId) ?? 0) + 1;
    this.msgCounters.set(chatId, next);
    return next;
  }

  nextMessageId(chatId: number): number {
    return this.allocMessageId(chatId);
  }

  /** Makes a chat known (for getChat / strictChats). A number registers a private chat or group. */
  registerChat(chat: Chat | number): Chat {
    const c = typeof chat === 'number'
      ? (chat > 0 ? privateChat({ id: chat, is_bot: false, first_name: `User${chat}` }) : groupChat(chat))
      : chat;
    this.chats.set(c.id, c);
    return c;
  }

  knownChat(id: number): Chat | undefined {
    return this.chats.get(id);
  }

  /** Marks a user as having blocked (or unblocked) the bot: sendMessage then gets 403. */
  blockUser(userId: number, blocked = true, token?: string): void {
    if (blocked) this.bot(token).blocked.add(userId);
    else this.bot(token).blocked.delete(userId);
  }

  /** From now on, sends to `groupId` fail with 400 + migrate_to_chat_id = `supergroupId`. */
  migrateGroup(groupId: number, supergroupId: number): void {
    this.migrated.set(groupId, supergroupId);
    this.chats.set(supergroupId, groupChat(supergroupId, this.chats.get(groupId)?.title ?? undefined));
  }

  /** Resolves `chat_id` for a sending method, with Telegram's errors. */
  resolveChat(bot: BotState, raw: unknown, forSending = true): Chat {
    if (raw === undefined || raw === null || raw === '') throw badRequest('chat_id is empty');
    const id = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw)) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(id) || id === 0) throw badRequest('chat not found');
    const migratedTo = this.migrated.get(id);
    if (migratedTo !== undefined) {
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: migratedTo });
    }
    const chat = this.chats.get(id);
    if (!chat && this.strictChats) throw badRequest('chat not found');
    if (forSending && id > 0 && bot.blocked.has(id)) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    return chat ?? syntheticChat(id);
  }

  // ---- updates -----------------------------------------------------------

  /** Queues an update for a bot (default: the first token); assigns update_id; wakes long polls. */
  injectUpdate(partial: NewUpdate, token?: string): Update {
    const bot = this.bot(token);
    const id = partial.update_id ?? bot.nextUpdateId;
    bot.nextUpdateId = Math.max(bot.nextUpdateId, id + 1);
    const update = { ...partial, update_id: id } as Update;
    for (const chat of [update.message?.chat, update.edited_message?.chat, update.callback_query?.message?.chat,
      update.channel_post?.chat, update.my_chat_member?.chat, update.chat_member?.chat]) {
      if (chat && !this.chats.has(chat.id)) this.chats.set(chat.id, chat);
    }
    const mcm = update.my_chat_member;
    if (mcm && mcm.chat.type === 'private' && mcm.new_chat_member.user.id === bot.identity.id) {
      const status = mcm.new_chat_member.status;
      if (status === 'kicked') bot.blocked.add(mcm.chat.id);
      else if (status === 'member') bot.blocked.delete(mcm.chat.id);
    }
    bot.push(update);
    return update;
  }

  /**
   * Hands each update for a bot to `handle` (a bot's handleUpdate), in order and one at a time as
   * long polling would, instead of queueing it for getUpdates: tests of what the bot answers skip
   * the polling loop, while its replies still come here over HTTP. The returned function waits for
   * the updates in flight and goes back to queueing.
   */
  deliverTo(handle: (update: Update) => Promise<unknown>, token?: string): () => Promise<void> {
    const bot = this.bot(token);
    let chain: Promise<unknown> = Promise.resolve();
    bot.deliver = (update) => {
      chain = chain.then(() => handle(update)).catch((error: unknown) => console.error('fake-telegram: the update handler failed', error));
    };
    return async () => {
      if (bot.deliver) bot.deliver = undefined;
      await chain;
    };
  }

  /** Updates queued for a bot and not yet confirmed by getUpdates offset. */
  pendingUpdates(token?: string): Update[] {
    return [...this.bot(token).updates];
  }

  // ---- faults and limits ---------------------------------------------------

  /** Injects a fault; returns it (its `hits` / `remaining` are live). */
  fail(spec: FaultSpec): Fault {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Enables (true / partial limits) or disables (false) rate-limit enforcement on sendMessage. */
  setLimits(limits: boolean | Partial<Limits>): void {
    const value = limits === false ? undefined : { ...TELEGRAM_LIMITS, ...(limits === true ? {} : limits) };
    for (const bot of this.bots.values()) {
      bot.limiter.limits = value;
      bot.limiter.reset();
    }
  }

  /** Counts a sendMessage against the limits; throws 429 when over. */
  checkRate(bot: BotState, chatId: number): void {
    const retry = bot.limiter.check(chatId);
    if (retry !== undefined) {
      this.rateLimited += 1;
      throw new ApiError(429, `Too Many Requests: retry after ${retry}`, { retry_after: retry });
    }
  }

  // ---- dispatch ------------------------------------------------------------

  /** Answers one Bot API call for a known bot. */
  async dispatch(bot: BotState, method: string, params: Params, signal: AbortSignal, files: ReadonlyMap<string, UploadedFile> = new Map()): Promise<Outcome> {
    const fault = this.faults.take(bot.token, method, params);
    if (fault) {
      const r = fault.response;
      if (r.delayMs) await this.sleep(r.delayMs);
      if (r.drop) return { kind: 'drop', fault: 'drop' };
      if (r.garbage) return { kind: 'raw', status: 200, contentType: 'text/plain', body: '<<fake-telegram garbage>> {ok: tru', fault: 'garbage' };
      if (r.status !== undefined) return faultOutcome({ ...r, status: r.status });
    }
    const handler = METHODS.get(method.toLowerCase());
    const mediaHandler = MEDIA_METHODS.get(method.toLowerCase());
    if (!handler && !mediaHandler) return { kind: 'json', status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    try {
      const result = mediaHandler ? mediaHandler(this, bot, params, files) : await handler!(this, bot, params, signal);
      return { kind: 'json', status: 200, body: { ok: true, result } };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const body: ApiBody = { ok: false, error_code: e.code, description: e.description };
      if (e.parameters) body.parameters = e.parameters;
      const out: Outcome = { kind: 'json', status: e.code, body };
      if (e.code === 429) out.fault = 'rate-limit';
      return out;
    }
  }

  protected sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  // ---- recording -----------------------------------------------------------

  recordSent(entry: SentMessage): void {
    this.sent.push(entry);
    this.botMessages.set(`${entry.token}|${entry.chat_id}|${entry.message_id}`, entry.message);
    this.waiting.notify();
  }

  recordPhoto(entry: SentPhoto): void {
    this.photos.push(entry);
    this.botMessages.set(`${entry.token}|${entry.chat_id}|${entry.message_id}`, entry.message);
    this.waiting.notify();
  }

  /** Accepted photos to a chat (album items one by one, with their media_group_id). */
  photosTo(chatId: number | string): SentPhoto[] {
    return this.photos.filter((p) => String(p.chat_id) === String(chatId));
  }

  /** Resolves with the accepted photos to a chat once there are at least `count`. */
  waitForPhotos(chatId: number | string, count: number, timeoutMs = 5000): Promise<SentPhoto[]> {
    return this.waiting.until(() => {
      const photos = this.photosTo(chatId);
      return photos.length >= count ? photos : undefined;
    }, timeoutMs, () => `waitForPhotos: expected ${count} photo(s) to chat ${chatId} within ${timeoutMs}ms, got ${this.photosTo(chatId).length}. ` +
      `Calls so far: ${this.calls.map((c) => `${c.method}(${c.status})`).join(', ') || '(none)'}`);
  }

  recordCall(call: CallRecord): void {
    this.calls.push(call);
    this.waiting.notify();
  }

  /** Accepted messages to a chat. */
  messagesTo(chatId: number | string): SentMessage[] {
    return this.sent.filter((m) => String(m.chat_id) === String(chatId));
  }

  /** First matching accepted sendMessage (already recorded or future). */
  waitForMessage(matcher: MessageMatcher, timeoutMs = 5000): Promise<SentMessage> {
    const pred = toPredicate(matcher);
    return this.waiting.until(() => this.sent.find(pred), timeoutMs, () => {
      const lines = this.sent.map((m) => `  -> chat ${m.chat_id}: ${JSON.stringify(m.text)}`);
      const failed = this.calls.filter((c) => c.method.toLowerCase() === 'sendmessage' && !c.ok)
        .map((c) => `  -> chat ${String(c.params['chat_id'])}: ${c.status} ${c.description ?? ''}`);
      return `waitForMessage: no matching sendMessage within ${timeoutMs}ms.\n` +
        `Sent (${lines.length}):\n${lines.join('\n') || '  (none)'}\n` +
        `Failed sendMessage calls (${failed.length}):\n${failed.join('\n') || '  (none)'}`;
    });
  }

  /** Resolves with the answered calls of `method` once there are at least `count`. */
  waitForCalls(method: string, count: number, timeoutMs = 5000): Promise<CallRecord[]> {
    const matching = (): CallRecord[] => this.calls.filter((c) => method === '*' || c.method.toLowerCase() === method.toLowerCase());
    return this.waiting.until(() => {
      const m = matching();
      return m.length >= count ? m : undefined;
    }, timeoutMs, () => `waitForCalls: expected ${count} '${method}' call(s) within ${timeoutMs}ms, got ${matching().length}. ` +
      `Calls so far: ${this.calls.map((c) => `${c.method}(${c.status})`).join(', ') || '(none)'}`);
  }

  /** The first answered call of `method` whose parameters match (already recorded or future). */
  waitForCall(method: string, matches: (params: Params) => boolean, timeoutMs = 5000): Promise<CallRecord> {
    const find = (): CallRecord | undefined => this.calls.find((c) => c.method.toLowerCase() === method.toLowerCase() && matches(c.params));
    return this.waiting.until(find, timeoutMs, () => `waitForCall: no matching '${method}' call within ${timeoutMs}ms. ` +
      `Calls so far: ${this.calls.map((c) => `${c.method}(${c.status})`).join(', ') || '(none)'}`);
  }

  /** The user presses a button of a message the bot sent; resolves with the bot's answerCallbackQuery. */
  async pressButton(args: { from: User; data: string; message?: Message; token?: string }, timeoutMs = 5000): Promise<{ text: string; showAlert: boolean }> {
    const id = this.callbackQuery(args).callback_query!.id;
    const answer = await this.waitForCall('answerCallbackQuery', (p) => p['callback_query_id'] === id, timeoutMs);
    return { text: String(answer.params['text'] ?? ''), showAlert: answer.params['show_alert'] === true || answer.params['show_alert'] === 'true' };
  }

  /** The current state of a message a bot sent (after any edits), by chat and message id. */
  botMessage(chatId: number | string, messageId: number, token: string = this.defaultToken): Message | undefined {
    return this.botMessages.get(`${token}|${chatId}|${messageId}`);
  }

  /** Clears recordings, faults, rate-limit counters. Chats, queued updates, webhooks and commands stay. */
  reset(): void {
    this.sent.length = 0;
    this.photos.length = 0;
    this.calls.length = 0;
    this.faults.clear();
    this.rateLimited = 0;
    for (const bot of this.bots.values()) bot.limiter.reset();
  }

  /** Releases long polls, delays and waiters (HTTP close is done by the server). */
  protected shutdown(): void {
    this.closed = true;
    for (const bot of this.bots.values()) bot.releaseWaiters();
    for (const wake of [...this.sleepers]) wake();
    this.waiting.close();
  }
}
