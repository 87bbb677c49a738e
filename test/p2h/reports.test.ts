import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Role } from '../../src/users/schema.js';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';

async function submit(ctx: TestContext, user: TestUser, vehicleId: number, shift: number, status: 'normal' | 'warning' | 'abnormal' = 'normal') {
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  const details = items.map((item, i) => (i === 0 && status !== 'normal' ? { checklist_item_id: item.id, status, keterangan: 'cek' } : { checklist_item_id: item.id, status: 'normal' }));
  const res = await ctx.request({ method: 'POST', url: '/api/p2h/reports', token: user.token, body: { vehicle_id: vehicleId, shift_number: shift, details } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.payload as { id: number };
}

describeEachDatabase('P2H reports, access and compliance', (ctx) => {
  it('role matrix: viewers never submit; every role reads; anonymous gets 401', async () => {
    const vehicleId = await ctx().createVehicle();
    const items = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    const details = items.map((item) => ({ checklist_item_id: item.id, status: 'normal' }));
    const expectations: [Role | 'anonymous', number][] = [['anonymous', 401], ['viewer', 403], ['user', 201], ['admin', 201], ['superadmin', 201]];
    let shift = 0;
    for (const [role, expected] of expectations) {
      const token = role === 'anonymous' ? undefined : (await ctx().createUser(role)).token;
      if (expected === 201) shift += 1;
      const t = token ? { token } : {};
      const res = await ctx().request({ method: 'POST', url: '/api/p2h/reports', ...t, body: { vehicle_id: vehicleId, shift_number: Math.max(shift, 1), details } });
      assert.equal(res.status, expected, `${role} POST /api/p2h/reports ${JSON.stringify(res.body)}`);
      for (const url of ['/api/p2h/reports', '/api/p2h/compliance']) {
        const read = await ctx().request({ method: 'GET', url, ...t });
        assert.equal(read.status, role === 'anonymous' ? 401 : 200, `${role} GET ${url}`);
      }
    }
  });

  it('a user sees only their own reports; admins and viewers see all; another user\'s report is 403', async () => {
    const alice = await ctx().createUser('user');
    const bob = await ctx().createUser('user');
    const viewer = await ctx().createUser('viewer');
    const vehicleId = await ctx().createVehicle();
    const aliceReport = await submit(ctx(), alice, vehicleId, 1);
    ctx().clock.now = new Date('2026-01-21T14:30:00+08:00'); // bob's slot 2 is open
    const bobReport = await submit(ctx(), bob, vehicleId, 2, 'warning');
    ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');

    const aliceList = await ctx().request({ method: 'GET', url: `/api/p2h/reports?vehicle_id=${vehicleId}`, token: alice.token });
    assert.deepEqual(aliceList.body.payload.items.map((r: { id: number }) => r.id), [aliceReport.id]);
    // Asking for someone else's reports does not widen a user's view.
    const sneaky = await ctx().request({ method: 'GET', url: `/api/p2h/reports?user_id=${bob.id}`, token: alice.token });
    assert.ok(sneaky.body.payload.items.every((r: { user: { id: number } }) => r.user.id === alice.id));
    const forbidden = await ctx().request({ method: 'GET', url: `/api/p2h/reports/${bobReport.id}`, token: alice.token });
    assert.equal(forbidden.status, 403);

    const viewerList = await ctx().request({ method: 'GET', url: `/api/p2h/reports?vehicle_id=${vehicleId}`, token: viewer.token });
    assert.equal(viewerList.body.payload.total, 2);
    assert.equal((await ctx().request({ method: 'GET', url: `/api/p2h/reports/${bobReport.id}`, token: viewer.token })).status, 200);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/p2h/reports/99999999', token: viewer.token })).status, 404);
  });

  it('filters by date range, unit, status and user, with paging', async () => {
    const driver = await ctx().createUser('user');
    const admin = await ctx().createUser('admin');
    const unitA = await ctx().createVehicle();
    const unitB = await ctx().createVehicle();
    ctx().clock.now = new Date('2026-03-10T07:00:00+08:00');
    await submit(ctx(), driver, unitA, 1, 'abnormal');
    await submit(ctx(), driver, unitB, 1, 'warning');
    ctx().clock.now = new Date('2026-03-11T07:00:00+08:00');
    await submit(ctx(), driver, unitA, 1, 'normal');
    ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');

    const get = async (query: string) => (await ctx().request({ method: 'GET', url: `/api/p2h/reports?user_id=${driver.id}&${query}`, token: admin.token })).body.payload;
    assert.equal((await get('date_from=2026-03-10&date_to=2026-03-10')).total, 2);
    assert.equal((await get('date_from=2026-03-11')).total, 1);
    assert.equal((await get(`vehicle_id=${unitA}`)).total, 2);
    assert.equal((await get('status=abnormal')).total, 1);
    const paged = await get('page=2&page_size=2');
    assert.equal(paged.total, 3);
    assert.equal(paged.items.length, 1);
    assert.equal((await get('page=1&page_size=10')).items[0].operational_date, '2026-03-11');

    const bad = await ctx().request({ method: 'GET', url: '/api/p2h/reports?date_from=2026-02-30', token: admin.token });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.payload.details[0].field, 'querystring.date_from');
    const reversed = await ctx().request({ method: 'GET', url: '/api/p2h/reports?date_from=2026-03-12&date_to=2026-03-10', token: admin.token });
    assert.equal(reversed.status, 422);
    const unknown = await ctx().request({ method: 'GET', url: '/api/p2h/reports?sort=asc', token: admin.token });
    assert.equal(unknown.status, 400);
  });

  it('daily compliance per unit: green all slots, yellow some, red none', async () => {
    // An admin files every slot of the day; a driver only the one the clock is in.
    const driver = await ctx().createUser('admin');
    const viewer = await ctx().createUser('viewer');
    const full = await ctx().createVehicle({ shiftType: 'long_shift', unitCode: 'C.001' });
    const some = await ctx().createVehicle({ shiftType: 'shift', unitCode: 'C.002' });
    const none = await ctx().createVehicle({ shiftType: 'non_shift', unitCode: 'C.003' });
    ctx().clock.now = new Date('2026-04-01T08:00:00+08:00');
    await submit(ctx(), driver, full, 1);
    await submit(ctx(), driver, full, 2);
    await submit(ctx(), driver, some, 2);
    ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');

    const res = await ctx().request({ method: 'GET', url: '/api/p2h/compliance?date=2026-04-01', token: viewer.token });
    assert.equal(res.status, 200);
    const byId = new Map(res.body.payload.map((c: { vehicle_id: number }) => [c.vehicle_id, c]));
    assert.deepEqual(byId.get(full), { vehicle_id: full, unit_code: 'C.001', plate_number: 'KT 1234 AB', shift_type: 'long_shift', operational_date: '2026-04-01', required_slots: 2, done_slots: [1, 2], open_slots: [], color: 'green', out_of_service: false, out_of_service_reason: null });
    assert.equal((byId.get(some) as { color: string }).color, 'yellow');
    assert.equal((byId.get(none) as { color: string }).color, 'red');
    const other = await ctx().request({ method: 'GET', url: '/api/p2h/compliance?date=2026-04-02', token: viewer.token });
    assert.equal((other.body.payload.find((c: { vehicle_id: number }) => c.vehicle_id === full) as { color: string }).color, 'red');
  });
});
