import { eq, inArray, sql } from 'drizzle-orm';
import type { AuditActor, AuditEntry, AuditLog } from '../audit/service.js';
import { sameRecord } from '../audit/rules.js';
import { hashPassword } from '../auth/password.js';
import { uniqueViolation, type Db, type Executor } from '../db/client.js';
import { inBatches } from '../lib/batches.js';
import type { Clock } from '../lib/clock.js';
import type { DetailCode } from '../lib/error-codes.js';
import { DomainError } from '../lib/errors.js';
import type { User } from './api-schemas.js';
import { canManageRole } from './rules.js';
import { users, type Role, type UserRow } from './schema.js';
import { toPublicUser } from './service.js';
import { temporaryPassword } from './temporary-password.js';

/** One valid row of a users sheet, normalised. An absent email leaves the stored one alone; a password counts only for a new account. */
export interface UserImportRow {
  row: number;
  full_name: string;
  /** E.164. */
  phone_number: string;
  email?: string;
  role: Role;
  password?: string;
}

export interface PlannedUser {
  input: UserImportRow;
  action: 'create' | 'update' | 'unchanged';
  current?: User;
}

export interface UserRowProblem {
  row: number;
  column: string;
  code: DetailCode;
  message: string;
}

export interface UserImportPlan {
  planned: PlannedUser[];
  problems: UserRowProblem[];
}

export interface TemporaryPassword {
  row: number;
  phone_number: string;
  password: string;
}

export interface ImportActor extends AuditActor {
  role: Role;
}

const conflict = () => new DomainError('IMPORT_CONFLICT', 'Data user berubah selama impor berjalan (ada yang menambah atau mengubah akun yang sama). Jalankan impor lagi');

/**
 * The users feature's writes for a bulk import: what each row would do (and what the stored accounts
 * forbid: another admin's account, an email someone else has), and doing it all in one transaction.
 * New accounts without a password get a temporary one that must be changed at first login.
 */
export class UserImportStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  plan(actor: ImportActor, rows: UserImportRow[]): Promise<UserImportPlan> {
    return this.planIn(this.db, actor, rows, false);
  }

  /**
   * Passwords are hashed before the transaction (argon2 is slow on purpose), then the plan is made
   * again with the accounts locked; if it no longer matches (someone created one of these phones
   * meanwhile) the import is refused with 409 IMPORT_CONFLICT and nothing is written.
   */
  async apply(actor: ImportActor, rows: UserImportRow[]): Promise<{ planned: PlannedUser[]; temporaryPasswords: TemporaryPassword[] }> {
    const draft = await this.plan(actor, rows);
    if (draft.problems.length > 0) throw conflict();
    const secrets = new Map<number, { hash: string; temporary?: string }>();
    await Promise.all(
      draft.planned
        .filter((p) => p.action === 'create')
        .map(async ({ input }) => {
          const temporary = input.password === undefined ? temporaryPassword() : undefined;
          secrets.set(input.row, { hash: await hashPassword(input.password ?? temporary!), ...(temporary && { temporary }) });
        }),
    );
    try {
      const planned = await this.db.transaction(async (tx) => {
        const again = await this.planIn(tx, actor, rows, true);
        if (again.problems.length > 0 || again.planned.some((p) => p.action === 'create' && !secrets.has(p.input.row))) throw conflict();
        const now = this.clock();
        const entries: AuditEntry[] = [];
        for (const batch of inBatches(again.planned.filter((p) => p.action === 'create'))) {
          const created = await tx
            .insert(users)
            .values(
              batch.map(({ input }) => ({
                fullName: input.full_name,
                phoneNumber: input.phone_number,
                email: input.email ?? null,
                role: input.role,
                passwordHash: secrets.get(input.row)!.hash,
                mustChangePassword: secrets.get(input.row)!.temporary !== undefined,
                createdAt: now,
                updatedAt: now,
              })),
            )
            .returning();
          entries.push(...created.map((row) => ({ actor, action: 'create' as const, entity: 'user' as const, entityId: row.id, before: null, after: toPublicUser(row) })));
        }
        for (const { input, current } of again.planned.filter((p) => p.action === 'update')) {
          const changes = changesOf(input, current!)!;
          // Another role ends the sessions made under the old one, as an edit by hand does.
          if (changes.role !== undefined) changes.tokenVersion = sql`${users.tokenVersion} + 1` as unknown as number;
          const [row] = await tx.update(users).set({ ...changes, updatedAt: now }).where(eq(users.id, current!.id)).returning();
          const after = toPublicUser(row!);
          if (!sameRecord(current, after)) entries.push({ actor, action: 'update', entity: 'user', entityId: row!.id, before: current, after });
        }
        await this.audit.record(tx, entries);
        return again.planned;
      });
      const temporaryPasswords = planned.flatMap(({ input }) => {
        const temporary = secrets.get(input.row)?.temporary;
        return temporary ? [{ row: input.row, phone_number: input.phone_number, password: temporary }] : [];
      });
      return { planned, temporaryPasswords };
    } catch (error) {
      const violation = uniqueViolation(error)?.constraint;
      if (violation === 'users_phone_number_key' || violation === 'users_email_key') throw conflict();
      throw error;
    }
  }

  private async planIn(executor: Executor, actor: ImportActor, rows: UserImportRow[], lock: boolean): Promise<UserImportPlan> {
    const byPhone = new Map<string, UserRow>();
    const emailOwner = new Map<string, string>();
    for (const batch of inBatches(rows)) {
      const query = executor.select().from(users).where(inArray(users.phoneNumber, batch.map((r) => r.phone_number)));
      for (const row of lock ? await query.for('update') : await query) byPhone.set(row.phoneNumber, row);
      const emails = batch.flatMap((r) => (r.email ? [r.email] : []));
      if (emails.length > 0) {
        const owners = await executor.select({ email: users.email, phone: users.phoneNumber }).from(users).where(inArray(users.email, emails));
        for (const owner of owners) emailOwner.set(owner.email!, owner.phone);
      }
    }
    const planned: PlannedUser[] = [];
    const problems: UserRowProblem[] = [];
    for (const input of rows) {
      const stored = byPhone.get(input.phone_number);
      const before = problems.length;
      const problem = (column: string, code: DetailCode, message: string) => problems.push({ row: input.row, column, code, message });
      if (stored && stored.id !== actor.id && !canManageRole(actor.role, stored.role)) {
        problem('phone_number', 'role_not_allowed', `Nomor ini milik akun ${stored.role}: Anda tidak dapat mengubahnya lewat impor`);
      }
      if (stored && stored.id === actor.id && input.role !== stored.role) problem('role', 'role_not_allowed', 'Anda tidak dapat mengubah role akun sendiri');
      const owner = input.email ? emailOwner.get(input.email) : undefined;
      if (owner !== undefined && owner !== input.phone_number) problem('email', 'email_exists', `Email ${input.email} sudah dipakai user lain`);
      if (problems.length > before) continue;
      const current = stored && toPublicUser(stored);
      planned.push({ input, action: !current ? 'create' : changesOf(input, current) ? 'update' : 'unchanged', ...(current && { current }) });
    }
    return { planned, problems };
  }
}

/** What a row changes on a stored account; undefined when nothing. The password column never changes a stored account. */
function changesOf(input: UserImportRow, stored: User): Partial<typeof users.$inferInsert> | undefined {
  const changes: Partial<typeof users.$inferInsert> = {};
  if (input.full_name !== stored.full_name) changes.fullName = input.full_name;
  if (input.email !== undefined && input.email !== stored.email) changes.email = input.email;
  if (input.role !== stored.role) changes.role = input.role;
  return Object.keys(changes).length > 0 ? changes : undefined;
}
