import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { unprocessable } from '../http/errors.js';
import { users } from '../users/schema.js';

/**
 * A unit's assigned driver must be an active account with role `user`.
 * A narrow read of the users table rather than a UsersService dependency: the composition
 * root builds VehiclesService with the database alone, and this needs two columns.
 */
export async function requireAssignableDriver(db: Executor, id: number): Promise<void> {
  const [row] = await db.select({ role: users.role, isActive: users.isActive }).from(users).where(eq(users.id, id));
  const refuse = (message: string) =>
    unprocessable('INVALID_DRIVER', message, [{ field: 'assigned_driver_id', code: 'invalid_driver', message }]);
  if (!row) throw refuse(`User dengan id ${id} tidak ditemukan`);
  if (row.role !== 'user') throw refuse(`User dengan id ${id} bukan pengemudi (role user)`);
  if (!row.isActive) throw refuse(`User dengan id ${id} sudah tidak aktif`);
}
