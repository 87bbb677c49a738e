import { and, count, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AuditLog } from '../audit/service.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { pageOffset, type Paging } from '../lib/paging.js';
import { uniqueViolation, type Db, type Executor } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { DomainError, forbidden } from '../lib/errors.js';
import type { CreateUserInput, UpdateUserInput, User, UserListQuery } from './api-schemas.js';
import { normalizePhone } from './phone.js';
import { canManageRole } from './rules.js';
import { users, type Role, type UserRow } from './schema.js';
import { endLink, revokeLinkTokens, type LinkEndNotices } from './telegram-link.js';

export interface Actor {
  id: number;
  role: Role;
  fullName: string;
}

/** An account as the API shows it; `telegram_linked` says whether, not which chat. */
export function toPublicUser(row: UserRow): User {
  return {
    id: row.id,
    full_name: row.fullName,
    phone_number: row.phoneNumber,
    email: row.email,
    role: row.role,
    is_active: row.isActive,
    telegram_linked: row.telegramChatId !== null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export class UsersService {
  /** Prepared once: every authenticated request looks its user up (the guard), so PostgreSQL keeps the plan. */
  private readonly byId;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** A deactivated account's chat is told its link ended. */
    private readonly linkNotices: LinkEndNotices,
    private readonly audit: AuditLog,
  ) {
    this.byId = db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare('users_by_id');
  }

  async create(actor: Actor, input: CreateUserInput): Promise<User> {
    if (!canManageRole(actor.role, input.role)) throw forbidden(`Anda tidak dapat membuat akun dengan role ${input.role}`);
    const phone = requirePhone(input.phone_number);
    const passwordHash = await hashPassword(input.password);
    const now = this.clock();
    const user = await this.insertOrConflict(() =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({
            fullName: input.full_name.trim(),
            phoneNumber: phone,
            email: normalizeEmail(input.email),
            role: input.role,
            passwordHash,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        const created = toPublicUser(row!);
        await this.audit.record(tx, { actor, action: 'create', entity: 'user', entityId: created.id, before: null, after: created });
        return created;
      }),
    );
    return user;
  }

  async list(query: UserListQuery & Paging): Promise<{ items: User[]; total: number }> {
    const filters: SQL[] = [];
    if (query.role) filters.push(eq(users.role, query.role));
    if (query.is_active !== undefined) filters.push(eq(users.isActive, query.is_active));
    if (query.telegram_linked !== undefined) filters.push(query.telegram_linked ? isNotNull(users.telegramChatId) : isNull(users.telegramChatId));
    if (query.q) {
      const term = `%${escapeLike(query.q.trim())}%`;
      const phone = normalizePhone(query.q);
      const digits = query.q.replace(/\D/g, '');
      filters.push(
        or(
          ilike(users.fullName, term),
          ilike(users.email, term),
          phone.ok ? eq(users.phoneNumber, phone.e164) : digits.length >= 3 ? ilike(users.phoneNumber, `%${digits.replace(/^0/, '')}%`) : undefined,
        )!,
      );
    }
    const where = filters.length ? and(...filters) : undefined;
    const [rows, [totalRow]] = await Promise.all([
      this.db
        .select()
        .from(users)
        .where(where)
        .orderBy(users.fullName, users.id)
        .limit(query.page_size)
        .offset(pageOffset(query)),
      this.db.select({ total: count() }).from(users).where(where),
    ]);
    return { items: rows.map(toPublicUser), total: totalRow?.total ?? 0 };
  }

  async get(id: number): Promise<User> {
    return toPublicUser(await this.requireRow(id));
  }

  async update(actor: Actor, id: number, input: UpdateUserInput): Promise<User> {
    const current = await this.requireRow(id);
    const self = actor.id === id;
    if (!self && !canManageRole(actor.role, current.role)) throw forbidden('Anda tidak dapat mengubah akun ini');
    if (input.role !== undefined && input.role !== current.role) {
      if (self) throw forbidden('Anda tidak dapat mengubah role akun sendiri');
      if (!canManageRole(actor.role, input.role)) throw forbidden(`Anda tidak dapat memberi role ${input.role}`);
    }
    if (self && input.is_active === false) throw forbidden('Anda tidak dapat menonaktifkan akun sendiri');
    // An admin's own password needs the current one: a session left open must not be enough.
    if (self && input.password !== undefined) {
      throw new DomainError('OWN_PASSWORD_NEEDS_CURRENT', 'Ubah password akun sendiri lewat POST /api/users/me/password (dengan password lama)');
    }

    const changes: Partial<typeof users.$inferInsert> = { updatedAt: this.clock() };
    if (input.full_name !== undefined) changes.fullName = input.full_name.trim();
    if (input.phone_number !== undefined) changes.phoneNumber = requirePhone(input.phone_number);
    if (input.email !== undefined) changes.email = normalizeEmail(input.email);
    if (input.role !== undefined) changes.role = input.role;
    if (input.is_active !== undefined) changes.isActive = input.is_active;
    if (input.password !== undefined) changes.passwordHash = await hashPassword(input.password);
    // A new password, another role or deactivation ends the sessions made before it.
    if (input.password !== undefined || input.role !== undefined || input.is_active === false) {
      changes.tokenVersion = sql`${users.tokenVersion} + 1` as unknown as number;
    }
    return this.insertOrConflict(() =>
      this.db.transaction(async (tx) => {
        const [locked] = await tx.select().from(users).where(eq(users.id, id)).for('update');
        // Deactivation ends the link: alerts must not reach a phone the account no longer owns.
        if (input.is_active === false && locked?.telegramChatId) {
          await endLink(tx, { notices: this.linkNotices, audit: this.audit }, { user: locked, method: 'deactivated', actor });
        }
        if (input.password !== undefined || input.is_active === false) await revokeLinkTokens(tx, id);
        const [row] = await tx.update(users).set(changes).where(eq(users.id, id)).returning();
        const before = toPublicUser(locked!);
        const after = toPublicUser(row!);
        // A reset is recorded even when nothing shown changed: that it happened is the point (never the password).
        const entry = { actor, entity: 'user' as const, entityId: id, before, after };
        if (input.password !== undefined) await this.audit.record(tx, { ...entry, action: 'password_reset' });
        else await this.audit.recordChange(tx, { ...entry, action: before.is_active && !after.is_active ? 'deactivate' : 'update' });
        return after;
      }),
    );
  }

  /** DELETE deactivates: reports keep pointing at the account. */
  deactivate(actor: Actor, id: number): Promise<User> {
    return this.update(actor, id, { is_active: false });
  }

  async changeOwnPassword(userId: number, currentPassword: string, newPassword: string): Promise<UserRow> {
    const row = await this.requireRow(userId);
    if (!(await verifyPassword(row.passwordHash, currentPassword))) {
      throw new DomainError('WRONG_PASSWORD', 'Password lama salah');
    }
    if (currentPassword === newPassword) throw new DomainError('SAME_PASSWORD', 'Password baru harus berbeda dari password lama');
    const passwordHash = await hashPassword(newPassword);
    return this.db.transaction(async (tx) => {
      await revokeLinkTokens(tx, userId);
      const [updated] = await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: false, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: this.clock() })
        .where(eq(users.id, userId))
        .returning();
      const actor = { id: row.id, fullName: row.fullName };
      await this.audit.record(tx, { actor, action: 'password_change', entity: 'user', entityId: userId, before: toPublicUser(row), after: toPublicUser(updated!) });
      return updated!;
    });
  }

  /** Login looks a user up by phone (any Indonesian form) or email. */
  async findByUsername(username: string): Promise<UserRow | undefined> {
    const account = normalizeUsername(username);
    if (account === undefined) return undefined;
    const column = account.includes('@') ? users.email : users.phoneNumber;
    const [row] = await this.db.select().from(users).where(eq(column, account));
    return row;
  }

  /** Logout: every token issued before now stops working, on every device. */
  async endSessions(userId: number): Promise<void> {
    await this.db.update(users).set({ tokenVersion: sql`${users.tokenVersion} + 1` }).where(eq(users.id, userId));
  }

  async findById(id: number): Promise<UserRow | undefined> {
    const [row] = await this.byId.execute({ id });
    return row;
  }

  /** Display names for other features (reports list the submitter's name). */
  /** `executor`: the caller's open transaction (PGlite has one connection: a query beside it would wait forever). */
  async namesByIds(ids: number[], executor: Executor = this.db): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await executor.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, unique));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ total: count() }).from(users);
    return row?.total ?? 0;
  }

  /** Creates the first superadmin from ADMIN_PHONE/ADMIN_PASSWORD when there are no users at all. */
  async bootstrapSuperadmin(admin: { phone: string; password: string; name: string }): Promise<boolean> {
    if ((await this.count()) > 0) return false;
    const passwordHash = await hashPassword(admin.password);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ fullName: admin.name, phoneNumber: admin.phone, role: 'superadmin', passwordHash })
        .onConflictDoNothing()
        .returning();
      if (!row) return false;
      await this.audit.record(tx, { actor: null, action: 'create', entity: 'user', entityId: row.id, before: null, after: toPublicUser(row) });
      return true;
    });
  }

  private async requireRow(id: number): Promise<UserRow> {
    const row = await this.findById(id);
    if (!row) throw new DomainError('USER_NOT_FOUND', `User dengan id ${id} tidak ditemukan`);
    return row;
  }

  private async insertOrConflict<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const violation = uniqueViolation(error);
      if (violation?.constraint === 'users_phone_number_key') {
        throw new DomainError('PHONE_EXISTS', 'Nomor HP sudah terdaftar untuk user lain');
      }
      if (violation?.constraint === 'users_email_key') throw new DomainError('EMAIL_EXISTS', 'Email sudah terdaftar untuk user lain');
      throw error;
    }
  }
}

/** The account a login name means: a lower-cased email, or a phone in E.164; undefined when it is neither. */
export function normalizeUsername(username: string): string | undefined {
  const trimmed = username.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const phone = normalizePhone(trimmed);
  return phone.ok ? phone.e164 : undefined;
}

function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone.ok) {
    throw new DomainError('INVALID_PHONE', 'Nomor HP tidak valid', {
      details: [{ field: 'phone_number', code: 'invalid_phone', message: `Nomor HP ${phone.reason}` }],
    });
  }
  return phone.e164;
}

function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
