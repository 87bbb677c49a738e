import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eq } from 'drizzle-orm';
import { vehicles } from '../../src/vehicles/schema.js';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';

async function allNormal(ctx: TestContext) {
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  return items.map((item) => ({ checklist_item_id: item.id, status: 'normal' }));
}

async function post(ctx: TestContext, user: TestUser, vehicleId: number, shift?: number) {
  const body = { vehicle_id: vehicleId, ...(shift === undefined ? {} : { shift_number: shift }), details: await allNormal(ctx) };
  return ctx.request({ method: 'POST', url: '/api/p2h/reports', token: user.token, body });
}

async function reportCount(ctx: TestContext, vehicleId: number, token: string) {
  const res = await ctx.request({ method: 'GET', url: `/api/p2h/reports?vehicle_id=${vehicleId}`, token });
  return res.body.payload.total as number;
}

describeEachDatabase('P2H slot rule: a driver files only the slot the clock is in', (ctx) => {
  it('at 05:01 a driver fills slot 1 but not slots 2 and 3 (422 SLOT_NOT_OPEN naming the open slot in WITA); an admin may file them', async () => {
    ctx().clock.now = new Date('2026-02-02T05:01:00+08:00');
    try {
      const driver = await ctx().createUser('user');
      const admin = await ctx().createUser('admin');
      const unit = await ctx().createVehicle();
      assert.equal((await post(ctx(), driver, unit, 1)).status, 201);
      for (const slot of [2, 3]) {
        const refused = await post(ctx(), driver, unit, slot);
        assert.equal(refused.status, 422, JSON.stringify(refused.body));
        assert.equal(refused.body.payload.code, 'SLOT_NOT_OPEN');
        assert.match(refused.body.message, /shift 1 sampai 15:30 WITA/);
        assert.equal(refused.body.payload.details[0].field, 'shift_number');
      }
      assert.equal(await reportCount(ctx(), unit, admin.token), 1, 'nothing stored by the refusals');
      // An admin files a missed or early slot of the same operational day.
      assert.equal((await post(ctx(), admin, unit, 3)).status, 201);
    } finally {
      ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');
    }
  });

  it('an hour early counts for the next slot, and a form started before a slot closed can still be sent', async () => {
    const driver = await ctx().createUser('user');
    try {
      ctx().clock.now = new Date('2026-02-03T14:10:00+08:00');
      const early = await ctx().createVehicle();
      assert.equal((await post(ctx(), driver, early, 2)).status, 201, 'slot 2 an hour early');
      const board = await ctx().request({ method: 'GET', url: '/api/p2h/compliance', token: driver.token });
      const row = board.body.payload.find((u: { vehicle_id: number }) => u.vehicle_id === early);
      assert.deepEqual(row.open_slots, [1], 'the board says what this driver may still file now');

      const late = await ctx().createVehicle();
      ctx().clock.now = new Date('2026-02-03T15:20:00+08:00');
      assert.equal((await post(ctx(), driver, late, 1)).status, 201, 'slot 1 just after 15:00');
      ctx().clock.now = new Date('2026-02-03T23:10:00+08:00');
      assert.equal((await post(ctx(), driver, late, 1)).status, 422, 'slot 1 in the evening');
      ctx().clock.now = new Date('2026-02-04T02:00:00+08:00');
      const night = await post(ctx(), driver, late, 3);
      assert.equal(night.status, 201, 'slot 3 after midnight belongs to the day before');
      assert.equal(night.body.payload.operational_date, '2026-02-03');
      // Without shift_number the server picks the slot the clock is in.
      const picked = await post(ctx(), driver, late);
      assert.equal(picked.status, 409, 'slot 3 is the suggested one and is taken');
    } finally {
      ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');
    }
  });

  it('with P2H_ASSIGNED_ONLY=0 (default) any driver may file a unit that has an assigned driver', async () => {
    const owner = await ctx().createUser('user');
    const other = await ctx().createUser('user');
    const unit = await ctx().createVehicle();
    await ctx().database.db.update(vehicles).set({ assignedDriverId: owner.id }).where(eq(vehicles.id, unit));
    assert.equal((await post(ctx(), other, unit, 1)).status, 201);
  });
});

describeEachDatabase(
  'P2H_ASSIGNED_ONLY=1: a unit with an assigned driver takes reports from that driver or an admin',
  (ctx) => {
    it('another driver gets 403 UNIT_NOT_ASSIGNED and nothing is stored; the driver and an admin are accepted; a pool unit takes anyone', async () => {
      const owner = await ctx().createUser('user');
      const other = await ctx().createUser('user');
      const admin = await ctx().createUser('admin');
      const unit = await ctx().createVehicle();
      const pool = await ctx().createVehicle();
      await ctx().database.db.update(vehicles).set({ assignedDriverId: owner.id }).where(eq(vehicles.id, unit));

      const refused = await post(ctx(), other, unit, 1);
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.payload.code, 'UNIT_NOT_ASSIGNED');
      assert.equal(await reportCount(ctx(), unit, admin.token), 0);
      const board = await ctx().request({ method: 'GET', url: '/api/p2h/compliance', token: other.token });
      assert.deepEqual(board.body.payload.find((u: { vehicle_id: number }) => u.vehicle_id === unit).open_slots, []);

      assert.equal((await post(ctx(), owner, unit, 1)).status, 201);
      assert.equal((await post(ctx(), admin, unit, 2)).status, 201);
      assert.equal((await post(ctx(), other, pool, 1)).status, 201);
    });
  },
  { P2H_ASSIGNED_ONLY: '1' },
);
