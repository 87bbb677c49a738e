import { asc, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { DomainError } from '../lib/errors.js';
import { vehicleTypes } from './schema.js';

/** "  light   vehicle " → "light vehicle": how a typed type name is compared with the stored ones. */
const compareKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

export async function listTypeNames(db: Executor): Promise<string[]> {
  const rows = await db.select({ name: vehicleTypes.name }).from(vehicleTypes).orderBy(asc(vehicleTypes.name));
  return rows.map((r) => r.name);
}

/**
 * Maps typed names to the stored spelling ("bus" → "Bus"), or refuses with 422 listing the allowed types.
 * The table holds a few dozen rows at most, so reading it whole is cheap.
 */
export async function resolveTypeNames(db: Executor, names: string[], field: string): Promise<string[]> {
  const known = await listTypeNames(db);
  const byKey = new Map(known.map((name) => [compareKey(name), name]));
  const unknown = names.filter((name) => !byKey.has(compareKey(name)));
  if (unknown.length > 0) {
    const list = unknown.map((n) => `"${n.trim()}"`).join(', ');
    throw new DomainError('UNKNOWN_VEHICLE_TYPE', `Tipe kendaraan ${list} tidak dikenal. Pilihan: ${known.join(', ')}`, {
      details: [{ field, code: 'unknown_vehicle_type', message: `harus salah satu dari: ${known.join(', ')}` }],
    });
  }
  return [...new Set(names.map((name) => byKey.get(compareKey(name))!))];
}

/** Adds a type; "bus" is refused when "Bus" exists, so one type never appears under two spellings. */
export async function addTypeName(db: Executor, input: string): Promise<string> {
  const name = input.trim().replace(/\s+/g, ' ');
  const exists = () => new DomainError('VEHICLE_TYPE_EXISTS', `Tipe kendaraan "${name}" sudah ada`);
  const [same] = await db
    .select({ name: vehicleTypes.name })
    .from(vehicleTypes)
    .where(sql`lower(${vehicleTypes.name}) = ${name.toLowerCase()}`);
  if (same) throw exists();
  const inserted = await db.insert(vehicleTypes).values({ name }).onConflictDoNothing().returning({ name: vehicleTypes.name });
  if (inserted.length === 0) throw exists();
  return name;
}
