import assert from 'node:assert/strict';
import { before } from 'node:test';
import { count } from 'drizzle-orm';
import { vehicleDocuments, vehicles, vehicleTypes } from '../../src/vehicles/schema.js';
import type { TestContext, TestResponse } from '../support/app.js';

export const ROLES = ['viewer', 'user', 'admin', 'superadmin'] as const;
export type Tokens = Record<(typeof ROLES)[number], string>;

/** One token per role, created once per suite (call inside describeEachDatabase). */
export function roleTokens(ctx: () => TestContext): Tokens {
  const tokens = {} as Tokens;
  before(async () => {
    for (const role of ROLES) tokens[role] = (await ctx().createUser(role)).token;
  });
  return tokens;
}

let serial = 0;
export const nextSerial = () => ++serial;

/** A valid create body with a unit code no other test uses. */
export const newVehicle = (overrides: Record<string, unknown> = {}) => {
  const n = nextSerial();
  return { unit_code: `VT.${n}`, plate_number: `KT ${1000 + n} XY`, vehicle_type: 'Light Vehicle', shift_type: 'shift', ...overrides };
};

/** Row counts of everything a vehicle request may write: a refused request must leave them as they were. */
export async function storedCounts(ctx: TestContext) {
  const db = ctx.database.db;
  const [[v], [d], [t]] = await Promise.all([
    db.select({ n: count() }).from(vehicles),
    db.select({ n: count() }).from(vehicleDocuments),
    db.select({ n: count() }).from(vehicleTypes),
  ]);
  return { vehicles: v!.n, documents: d!.n, types: t!.n };
}

export function assertError(res: TestResponse, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.success, false);
  assert.equal(res.body.payload.code, code);
  assert.ok(res.body.message.length > 0);
}
