import { DomainError } from '../lib/errors.js';
import type { Role } from '../users/schema.js';

/** How vehicles learn about a user; the composition root wires it to the users service. */
export type UserLookup = (id: number) => Promise<{ role: Role; isActive: boolean } | undefined>;

/** A unit's assigned driver must be an active account with role `user`. */
export async function requireAssignableDriver(findUser: UserLookup, id: number): Promise<void> {
  const user = await findUser(id);
  const refuse = (message: string) =>
    new DomainError('INVALID_DRIVER', message, { details: [{ field: 'assigned_driver_id', code: 'invalid_driver', message }] });
  if (!user) throw refuse(`User dengan id ${id} tidak ditemukan`);
  if (user.role !== 'user') throw refuse(`User dengan id ${id} bukan pengemudi (role user)`);
  if (!user.isActive) throw refuse(`User dengan id ${id} sudah tidak aktif`);
}
