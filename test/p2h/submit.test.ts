import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase, type TestContext } from '../support/app.js';

type Answer = { checklist_item_id: number; status: string; keterangan?: string };

async function allNormal(ctx: TestContext, vehicleType = 'Light Vehicle'): Promise<Answer[]> {
  const items = await ctx.app.services.checklist.applicableItems(vehicleType);
  return items.map((item) => ({ checklist_item_id: item.id, status: 'normal' }));
}

describeEachDatabase('P2H submission', (ctx) => {
  it('a driver submits with one abnormal answer and gets overall_status abnormal', async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const details = await allNormal(ctx());
    assert.equal(details.length, 39);
    details[4] = { ...details[4]!, status: 'abnormal', keterangan: 'Rem blong' };
    details[7] = { ...details[7]!, status: 'warning', keterangan: 'Sein kiri redup' };
    const res = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, odometer: 120345.5, details } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.success, true);
    const report = res.body.payload;
    assert.equal(report.overall_status, 'abnormal');
    assert.equal(report.operational_date, '2026-01-21');
    assert.equal(report.shift_number, 1);
    assert.equal(report.odometer, 120345.5);
    assert.equal(report.user.id, driver.id);
    assert.equal(report.details.length, 39);
    assert.equal(report.details[4].keterangan, 'Rem blong');

    const fetched = await ctx().request({ method: 'GET', url: `/api/p2h/reports/${report.id}`, token: driver.token });
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body.payload, report);
  });

  it('warning without abnormal is warning; all normal is normal', async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const details = await allNormal(ctx());
    const normal = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
    assert.equal(normal.body.payload.overall_status, 'normal');
    details[0] = { ...details[0]!, status: 'warning', keterangan: 'Oli kurang sedikit' };
    const otherUnit = await ctx().createVehicle();
    const warning = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: otherUnit, shift_number: 1, details } });
    assert.equal(warning.body.payload.overall_status, 'warning');
  });

  it('computes the operational day and slot in P2H_TIMEZONE: 02:00 WITA is shift 3 of the previous day', async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle({ shiftType: 'shift' });
    ctx().clock.now = new Date('2026-01-23T02:00:00+08:00');
    try {
      const res = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, details: await allNormal(ctx()) } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.payload.operational_date, '2026-01-22');
      assert.equal(res.body.payload.shift_number, 3);
    } finally {
      ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');
    }
  });

  it('refuses a slot the unit does not have', async () => {
    const driver = await ctx().createUser('user');
    const longShift = await ctx().createVehicle({ shiftType: 'long_shift' });
    const nonShift = await ctx().createVehicle({ shiftType: 'non_shift' });
    const details = await allNormal(ctx());
    const three = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: longShift, shift_number: 3, details } });
    assert.equal(three.status, 422);
    assert.equal(three.body.payload.code, 'INVALID_SHIFT');
    const two = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: nonShift, shift_number: 2, details } });
    assert.equal(two.status, 422);
    const four = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: nonShift, shift_number: 4, details } });
    assert.equal(four.status, 400);
  });

  it('one report per unit, slot and day: a second is refused with 409 naming the slot', async () => {
    const driver = await ctx().createUser('user');
    const other = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle({ unitCode: 'P.409' });
    const details = await allNormal(ctx());
    const first = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
    assert.equal(first.status, 201);
    const second = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: other.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
    assert.equal(second.status, 409);
    assert.equal(second.body.payload.code, 'SLOT_TAKEN');
    assert.match(second.body.message, /P\.409.*shift 1.*2026-01-21/);
  });

  it('two simultaneous submits for one slot: exactly one 201 and one 409, one report stored', async () => {
    const vehicleId = await ctx().createVehicle();
    // Admins, so every slot of the day is open to them: the race is the point here, not the slot rule.
    const drivers = await Promise.all([ctx().createUser('admin'), ctx().createUser('admin')]);
    const details = await allNormal(ctx());
    for (let round = 1; round <= 3; round++) {
      const results = await Promise.all(
        drivers.map((d) => ctx().request({ method: 'POST', url: '/api/p2h/reports', token: d.token, body: { vehicle_id: vehicleId, shift_number: round, details } })),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], `round ${round}`);
    }
    const admin = await ctx().createUser('admin');
    const list = await ctx().request({ method: 'GET', url: `/api/p2h/reports?vehicle_id=${vehicleId}`, token: admin.token });
    assert.equal(list.body.payload.total, 3);
  });

  it('an admin deleting a report frees its slot', async () => {
    const driver = await ctx().createUser('user');
    const admin = await ctx().createUser('admin');
    const vehicleId = await ctx().createVehicle();
    const details = await allNormal(ctx());
    const first = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
    assert.equal((await ctx().request({ method: 'DELETE', url: `/api/p2h/reports/${first.body.payload.id}`, token: driver.token })).status, 403);
    assert.equal((await ctx().request({ method: 'DELETE', url: `/api/p2h/reports/${first.body.payload.id}`, token: admin.token })).status, 200);
    assert.equal((await ctx().request({ method: 'GET', url: `/api/p2h/reports/${first.body.payload.id}`, token: admin.token })).status, 404);
    const again = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
    assert.equal(again.status, 201);
  });

  it('refuses incomplete, duplicated, foreign and unexplained answers with 422 listing each problem, storing nothing', async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle({ vehicleType: 'Bus' });
    const details = await allNormal(ctx(), 'Bus');
    const post = (body: unknown) => ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body });

    const missing = await post({ vehicle_id: vehicleId, shift_number: 1, details: details.slice(1) });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.payload.code, 'INVALID_ANSWERS');
    assert.deepEqual(missing.body.payload.details.map((d: { code: string }) => d.code), ['missing_answer']);

    const duplicate = await post({ vehicle_id: vehicleId, shift_number: 1, details: [...details, details[3]] });
    assert.equal(duplicate.status, 422);
    assert.equal(duplicate.body.payload.details[0].code, 'duplicate_answer');
    assert.equal(duplicate.body.payload.details[0].field, `details[39].checklist_item_id`);

    const foreign = await post({ vehicle_id: vehicleId, shift_number: 1, details: [...details, { checklist_item_id: 999999, status: 'normal' }] });
    assert.equal(foreign.status, 422);
    assert.equal(foreign.body.payload.details[0].code, 'item_not_applicable');

    const unexplained = details.map((d, i) => (i < 2 ? { ...d, status: i === 0 ? 'warning' : 'abnormal' } : d));
    const noRemark = await post({ vehicle_id: vehicleId, shift_number: 1, details: unexplained });
    assert.equal(noRemark.status, 422);
    assert.deepEqual(noRemark.body.payload.details.map((d: { field: string }) => d.field), ['details[0].keterangan', 'details[1].keterangan']);

    const admin = await ctx().createUser('admin');
    const list = await ctx().request({ method: 'GET', url: `/api/p2h/reports?vehicle_id=${vehicleId}`, token: admin.token });
    assert.equal(list.body.payload.total, 0);
  });

  it('refuses wrong types, unknown fields and bad statuses with 400 naming each field', async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const details = await allNormal(ctx());
    const post = (body: unknown) => ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body });
    const cases: [unknown, string][] = [
      [{ vehicle_id: String(vehicleId), shift_number: 1, details }, 'vehicle_id'],
      [{ vehicle_id: vehicleId, shift_number: '1', details }, 'shift_number'],
      [{ vehicle_id: vehicleId, shift_number: 1, details, photo: 'x' }, 'photo'],
      [{ vehicle_id: vehicleId, shift_number: 1, details: [{ ...details[0], status: 'rusak' }, ...details.slice(1)] }, 'details[0].status'],
      [{ vehicle_id: vehicleId, shift_number: 1, details: [{ ...details[0], extra: 1 }, ...details.slice(1)] }, 'details[0].extra'],
      [{ vehicle_id: vehicleId, shift_number: 1, details: [] }, 'details'],
      [{ vehicle_id: vehicleId, shift_number: 1, odometer: -5, details }, 'odometer'],
      [{ vehicle_id: vehicleId, shift_number: 1, details: [{ ...details[0], keterangan: 'x'.repeat(1001) }, ...details.slice(1)] }, 'details[0].keterangan'],
      [{ shift_number: 1, details }, 'vehicle_id'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.payload.code, 'VALIDATION_ERROR');
      assert.ok(res.body.payload.details.some((d: { field: string }) => d.field === field), `${field} in ${JSON.stringify(res.body.payload.details)}`);
    }
  });

  it('answers 404 for an unknown unit and 422 for an inactive one', async () => {
    const driver = await ctx().createUser('user');
    const inactive = await ctx().createVehicle({ active: false });
    const details = await allNormal(ctx());
    const unknown = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: 987654, shift_number: 1, details } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.payload.code, 'VEHICLE_NOT_FOUND');
    const res = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: inactive, shift_number: 1, details } });
    assert.equal(res.status, 422);
    assert.equal(res.body.payload.code, 'VEHICLE_INACTIVE');
  });
});
