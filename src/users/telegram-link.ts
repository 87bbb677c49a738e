import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, inArray, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { AuditActor, AuditLog } from '../audit/service.js';
import { uniqueViolation, type Db, type Executor } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../lib/errors.js';
import type { Adoption, LinkedUser, TelegramStatus } from './api-schemas.js';
import type { Role } from './values.js';
import { normalizePhone } from './phone.js';
import { users, type UserRow } from './schema.js';
import { telegramLinkAudit, telegramLinkTokens } from './telegram-schema.js';

export const LINK_TOKEN_TTL_MS = 10 * 60_000;
/** Token rows older than this are expired or used, and deleted whenever a token is made. */
const LINK_TOKEN_KEEP_MS = 24 * 3600_000;

export type LinkMethod = 'contact' | 'token' | 'phone' | 'internal_api';
export type UnlinkMethod = 'web' | 'admin' | 'bot_command' | 'deactivated';

export type { LinkedUser, TelegramStatus };

/** Why a chat stops being a person's: the chat did not ask for it, so it is told (see LinkEndNotices). */
export type LinkEndReason = 'moved' | 'deactivated' | 'admin_reset' | 'unlinked_web';

/**
 * Tells a chat that it no longer receives a person's notifications, in the transaction that ended
 * the link (the notifications feature implements it with an outbox row).
 */
export interface LinkEndNotices {
  linkEnded(tx: Executor, event: { userId: number; chatId: string; reason: LinkEndReason }): Promise<void>;
}

const UNLINK_REASON: Partial<Record<UnlinkMethod, LinkEndReason>> = { admin: 'admin_reset', web: 'unlinked_web', deactivated: 'deactivated' };

export interface ChatIdentity {
  chatId: string;
  username: string | null;
}

export function telegramStatusOf(row: UserRow): TelegramStatus {
  return {
    is_linked: row.telegramChatId !== null,
    telegram_chat_id: row.telegramChatId,
    telegram_username: row.telegramUsername,
    telegram_linked_at: row.telegramLinkedAt?.toISOString() ?? null,
    is_reachable: row.telegramChatId !== null && row.telegramUnreachableAt === null,
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The link between a P2H account and a Telegram private chat. Every change is written with its
 * audit row in one transaction, and the unique index on the chat id is the final word on races.
 */
export class TelegramLinkService {
  constructor(
    private readonly db: Db,
    private readonly now: Clock,
    private readonly notices: LinkEndNotices,
    private readonly audit: AuditLog,
  ) {}

  async linkByPhone(phoneInput: string, chat: ChatIdentity, method: LinkMethod): Promise<LinkedUser> {
    const phone = normalizePhone(phoneInput);
    if (!phone.ok) throw new DomainError('INVALID_PHONE', `Nomor HP tidak valid (${phone.reason})`);
    const user = await this.findUserByPhone(phone.e164);
    if (!user) throw new DomainError('PHONE_NOT_FOUND', 'Nomor HP tidak terdaftar di sistem P2H');
    return this.link(user, chat, method);
  }

  async linkById(userId: number, chat: ChatIdentity, method: LinkMethod): Promise<LinkedUser> {
    const [user] = await this.db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new DomainError('USER_NOT_FOUND', 'User tidak ditemukan');
    return this.link(user, chat, method);
  }

  /** Redeems a one-time web link token: valid once, before it expires. Returns the user id. */
  async redeemToken(token: string): Promise<number | undefined> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
    const now = this.now();
    const [row] = await this.db
      .update(telegramLinkTokens)
      .set({ usedAt: now })
      .where(and(eq(telegramLinkTokens.tokenHash, hashToken(token)), isNull(telegramLinkTokens.usedAt), gt(telegramLinkTokens.expiresAt, now)))
      .returning({ userId: telegramLinkTokens.userId });
    return row?.userId;
  }

  async createToken(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(24).toString('base64url'); // 32 characters: fits Telegram's 64-character start parameter
    const now = this.now();
    const expiresAt = new Date(now.getTime() + LINK_TOKEN_TTL_MS);
    await this.db.transaction(async (tx) => {
      // Only the newest link works; the table keeps nothing older than a day.
      await tx
        .delete(telegramLinkTokens)
        .where(or(eq(telegramLinkTokens.userId, userId), lt(telegramLinkTokens.createdAt, new Date(now.getTime() - LINK_TOKEN_KEEP_MS))));
      await tx.insert(telegramLinkTokens).values({ tokenHash: hashToken(token), userId, expiresAt, createdAt: now });
    });
    return { token, expiresAt };
  }

  /** `actor`: who ended it (the person themselves, an admin), null when the system did. */
  async unlinkUser(userId: number, method: UnlinkMethod, actor: AuditActor | null): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
      if (!before) throw new DomainError('USER_NOT_FOUND', 'User tidak ditemukan');
      if (before.telegramChatId === null) return false;
      await endLink(tx, { notices: this.notices, audit: this.audit }, { user: before, method, actor });
      return true;
    });
  }

  /** /unlink from the chat side. Returns the user that was unlinked, if any. */
  async unlinkChat(chatId: string): Promise<UserRow | undefined> {
    const user = await this.findByChat(chatId);
    if (!user) return undefined;
    // The chat's owner typed /unlink: they are the one who acted.
    await this.unlinkUser(user.id, 'bot_command', { id: user.id, fullName: user.fullName });
    return user;
  }

  /** The user blocked the bot (or unblocked it): notifications route around an unreachable chat. */
  async setReachable(chatId: string, reachable: boolean, method: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [user] = await tx
        .update(users)
        .set({ telegramUnreachableAt: reachable ? null : this.now() })
        .where(and(eq(users.telegramChatId, chatId), reachable ? isNotNull(users.telegramUnreachableAt) : isNull(users.telegramUnreachableAt)))
        .returning({ id: users.id });
      if (user) await tx.insert(telegramLinkAudit).values({ userId: user.id, chatId, action: reachable ? 'unblocked' : 'blocked', method });
    });
  }

  /**
   * Where a user's personal alerts can go: their chat, and whether they still accept the bot. A
   * deactivated user has none (their phone may have passed to someone else), so alerts fall back to the group.
   */
  async personalChat(userId: number, executor: Executor = this.db): Promise<{ chatId: string | null; reachable: boolean }> {
    const [row] = await executor
      .select({ chatId: users.telegramChatId, unreachableAt: users.telegramUnreachableAt, isActive: users.isActive })
      .from(users)
      .where(eq(users.id, userId));
    const chatId = row?.isActive ? row.chatId : null;
    return { chatId, reachable: chatId !== null && row!.unreachableAt === null };
  }

  /**
   * The linked, reachable chats of active users with one of these roles (the workshop: mechanics
   * and admins), for messages that go to each of them personally.
   */
  async linkedChatsOf(roles: Role[], executor: Executor = this.db): Promise<{ userId: number; chatId: string }[]> {
    const rows = await executor
      .select({ userId: users.id, chatId: users.telegramChatId })
      .from(users)
      .where(and(inArray(users.role, roles), eq(users.isActive, true), isNotNull(users.telegramChatId), isNull(users.telegramUnreachableAt)))
      .orderBy(users.id);
    return rows.flatMap((r) => (r.chatId === null ? [] : [{ userId: r.userId, chatId: r.chatId }]));
  }

  async findUserByPhone(e164: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.phoneNumber, e164));
    return row;
  }

  async findByChat(chatId: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.telegramChatId, chatId));
    return row;
  }

  async status(userId: number): Promise<TelegramStatus> {
    const [row] = await this.db.select().from(users).where(eq(users.id, userId));
    if (!row) throw new DomainError('USER_NOT_FOUND', 'User tidak ditemukan');
    return telegramStatusOf(row);
  }

  /** Share of active users who linked Telegram, as the seed's adoption query, active users only. */
  async adoption(): Promise<Adoption> {
    const [totals] = await this.db.select({ total: count(), linked: count(users.telegramChatId) }).from(users).where(eq(users.isActive, true));
    const total = totals?.total ?? 0;
    const linked = totals?.linked ?? 0;
    return { total_users: total, linked_users: linked, percentage: total === 0 ? 0 : Math.round((linked * 10_000) / total) / 100 };
  }

  async auditTrail(userId: number) {
    return this.db.select().from(telegramLinkAudit).where(eq(telegramLinkAudit.userId, userId)).orderBy(telegramLinkAudit.id);
  }

  private async link(user: UserRow, chat: ChatIdentity, method: LinkMethod): Promise<LinkedUser> {
    if (!user.isActive) throw new DomainError('ACCOUNT_INACTIVE', 'Akun P2H ini sudah dinonaktifkan');
    try {
      return await this.db.transaction(async (tx) => {
        const [holder] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.telegramChatId, chat.chatId), ne(users.id, user.id)));
        if (holder) throw chatTaken();
        const [locked] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
        const previousChat = locked!.telegramChatId;
        // Knowing (or even proving) a phone number does not move an existing link: that is how a link
        // was hijacked. Only a one-time token from the logged-in web profile may, or an admin reset first.
        if (previousChat !== null && previousChat !== chat.chatId && method !== 'token') throw linkedElsewhere();
        await revokeLinkTokens(tx, user.id);
        const [row] = await tx
          .update(users)
          .set({ telegramChatId: chat.chatId, telegramUsername: chat.username, telegramLinkedAt: this.now(), telegramUnreachableAt: null })
          .where(eq(users.id, user.id))
          .returning();
        if (previousChat !== chat.chatId) {
          await tx.insert(telegramLinkAudit).values({
            userId: user.id,
            chatId: chat.chatId,
            action: previousChat === null ? 'link' : 'relink',
            method,
          });
          // The person linked their own chat (bot contact, phone, web token); the internal API acts for the system.
          const actor = method === 'internal_api' ? null : { id: user.id, fullName: user.fullName };
          await this.audit.record(tx, { actor, action: 'link', entity: 'telegram_link', entityId: user.id, before: telegramStatusOf(locked!), after: telegramStatusOf(row!) });
        }
        // The old phone learns the alerts went elsewhere; otherwise it just falls silent, unexplained.
        if (previousChat !== null && previousChat !== chat.chatId) await this.notices.linkEnded(tx, { userId: user.id, chatId: previousChat, reason: 'moved' });
        return toLinkedUser(row!);
      });
    } catch (error) {
      if (uniqueViolation(error)?.constraint === 'users_telegram_chat_id_key') throw chatTaken();
      throw error;
    }
  }
}

/** Unused web link tokens die when the account links, its password changes or it is deactivated. */
export async function revokeLinkTokens(tx: Executor, userId: number) {
  await tx.delete(telegramLinkTokens).where(eq(telegramLinkTokens.userId, userId));
}

/**
 * Ends a link with its audit rows, and tells the chat when it was not the chat that asked (an admin
 * reset, the web profile, a deactivation). `user`: the locked row, still linked.
 */
export async function endLink(
  tx: Executor,
  deps: { notices: LinkEndNotices; audit: AuditLog },
  event: { user: UserRow; method: UnlinkMethod; actor: AuditActor | null },
): Promise<void> {
  const { user, method, actor } = event;
  const chatId = user.telegramChatId!;
  const cleared = await clearLink(tx, user.id);
  await tx.insert(telegramLinkAudit).values({ userId: user.id, chatId, action: 'unlink', method, actorUserId: actor?.id ?? null });
  await deps.audit.record(tx, { actor, action: 'unlink', entity: 'telegram_link', entityId: user.id, before: telegramStatusOf(user), after: telegramStatusOf(cleared) });
  const reason = UNLINK_REASON[method];
  if (reason) await deps.notices.linkEnded(tx, { userId: user.id, chatId, reason });
}

async function clearLink(tx: Executor, userId: number): Promise<UserRow> {
  const [row] = await tx
    .update(users)
    .set({ telegramChatId: null, telegramUsername: null, telegramLinkedAt: null, telegramUnreachableAt: null })
    .where(eq(users.id, userId))
    .returning();
  return row!;
}

function chatTaken() {
  return new DomainError('CHAT_ALREADY_LINKED', 'Akun Telegram ini sudah terhubung dengan user P2H lain');
}

function linkedElsewhere() {
  return new DomainError(
    'ACCOUNT_LINKED_ELSEWHERE',
    'Akun P2H ini sudah terhubung dengan chat Telegram lain; putuskan dulu dari menu Profil atau minta admin mereset koneksinya',
  );
}

function toLinkedUser(row: UserRow): LinkedUser {
  return {
    id: row.id,
    full_name: row.fullName,
    phone_number: row.phoneNumber,
    role: row.role,
    telegram_chat_id: row.telegramChatId!,
    telegram_username: row.telegramUsername,
    telegram_linked_at: row.telegramLinkedAt!.toISOString(),
  };
}
