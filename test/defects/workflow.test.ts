import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';

type Status = 'normal' | 'warning' | 'abnormal';

async function answers(ctx: TestContext, flagged: Record<number, [Status, string?]> = {}) {
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  return items.map((item, index) => {
    const [status, keterangan] = flagged[index] ?? ['normal'];
    return keterangan ? { checklist_item_id: item.id, status, keterangan } : { checklist_item_id: item.id, status };
  });
}

describeEachDatabase('defects, repair and unit state', (ctx) => {
  const at = (iso: string) => (ctx().clock.now = new Date(iso));
  const api = (user: TestUser, method: 'GET' | 'POST', url: string, body?: unknown) => ctx().request({ method, url, token: user.token, body });

  it('walks the loop: ABNORMAL stops the unit, a mechanic takes and repairs it, a NORMAL answer verifies it', async () => {
    at('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user', { name: 'Budi Driver' });
    const admin = await ctx().createUser('admin');
    const mechanic = await ctx().createUser('mechanic', { name: 'Joko Mekanik' });
    const otherMechanic = await ctx().createUser('mechanic');
    const viewer = await ctx().createUser('viewer');
    const vehicleId = await ctx().createVehicle({ unitCode: 'P.309' });

    const first = await api(driver, 'POST', '/api/p2h/reports', {
      vehicle_id: vehicleId,
      shift_number: 1,
      details: await answers(ctx(), { 4: ['abnormal', 'rem bocor'], 7: ['warning', 'sein redup'] }),
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const reportId = first.body.payload.id;

    const list = await api(viewer, 'GET', `/api/defects?vehicle_id=${vehicleId}`);
    assert.equal(list.status, 200);
    assert.equal(list.body.payload.total, 2);
    const [brake, signal] = list.body.payload.items;
    assert.equal(brake.severity, 'abnormal', 'ABNORMAL first');
    assert.equal(brake.status, 'open');
    assert.equal(brake.remark, 'rem bocor');
    assert.equal(brake.opened_report_id, reportId);
    assert.equal(brake.unit_code, 'P.309');
    assert.equal(signal.severity, 'warning');

    const unit = await api(driver, 'GET', `/api/vehicles/${vehicleId}`);
    assert.equal(unit.body.payload.operational_status, 'out_of_service');
    assert.match(unit.body.payload.out_of_service_reason, /ABNORMAL/);
    const board = await api(admin, 'GET', '/api/p2h/compliance');
    assert.equal(board.body.payload[0].vehicle_id, vehicleId, 'stopped units first');
    assert.equal(board.body.payload[0].out_of_service, true);

    const checklist = await api(driver, 'GET', `/api/checklist?vehicle_id=${vehicleId}`);
    const known = checklist.body.payload.filter((item: { open_defect: unknown }) => item.open_defect !== null);
    assert.equal(known.length, 2);
    assert.equal(known[0].open_defect.opened_by_name, 'Budi Driver');

    // The same item again (an admin files slot 2) adds to the defect instead of opening another.
    at('2026-01-21T08:42:00+08:00');
    const again = await api(admin, 'POST', '/api/p2h/reports', { vehicle_id: vehicleId, shift_number: 2, details: await answers(ctx(), { 4: ['abnormal', 'masih bocor'] }) });
    assert.equal(again.status, 201);
    const afterAgain = await api(viewer, 'GET', `/api/defects/${brake.id}`);
    assert.equal(afterAgain.body.payload.reported_count, 2);
    assert.equal(afterAgain.body.payload.last_report_id, again.body.payload.id);
    assert.equal((await api(viewer, 'GET', `/api/defects?vehicle_id=${vehicleId}`)).body.payload.total, 2);

    for (const [who, status] of [[driver, 403], [viewer, 403]] as const) {
      assert.equal((await api(who, 'POST', `/api/defects/${brake.id}/take`)).status, status);
    }
    const taken = await api(mechanic, 'POST', `/api/defects/${brake.id}/take`);
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    assert.equal(taken.body.payload.status, 'in_progress');
    assert.equal(taken.body.payload.assigned_to_name, 'Joko Mekanik');
    const twice = await api(otherMechanic, 'POST', `/api/defects/${brake.id}/take`);
    assert.equal(twice.status, 409);
    assert.equal(twice.body.payload.code, 'DEFECT_ALREADY_TAKEN');
    assert.match(twice.body.message, /Joko Mekanik/);

    assert.equal((await api(otherMechanic, 'POST', `/api/defects/${brake.id}/repair`, { note: 'ganti' })).body.payload.code, 'DEFECT_NOT_ASSIGNED_TO_YOU');
    assert.equal((await api(mechanic, 'POST', `/api/defects/${brake.id}/repair`, { note: '   ' })).status, 400);
    at('2026-01-21T10:42:00+08:00');
    const repaired = await api(mechanic, 'POST', `/api/defects/${brake.id}/repair`, { note: 'ganti seal master rem' });
    assert.equal(repaired.status, 200, JSON.stringify(repaired.body));
    assert.equal(repaired.body.payload.status, 'repaired');
    assert.equal((await api(driver, 'GET', `/api/vehicles/${vehicleId}`)).body.payload.operational_status, 'ready');

    const availability = await api(admin, 'GET', `/api/vehicles/${vehicleId}/availability?from=2026-01-21&to=2026-01-21`);
    assert.equal(availability.status, 200);
    assert.equal(availability.body.payload.hours_out_of_service, 4);
    assert.equal(availability.body.payload.periods.length, 1);

    at('2026-01-21T14:42:00+08:00');
    const verify = await api(admin, 'POST', '/api/p2h/reports', { vehicle_id: vehicleId, shift_number: 3, details: await answers(ctx(), { 7: ['warning', 'sein redup'] }) });
    assert.equal(verify.status, 201);
    const done = await api(viewer, 'GET', `/api/defects/${brake.id}`);
    assert.equal(done.body.payload.status, 'verified');
    assert.deepEqual(
      done.body.payload.events.map((e: { action: string }) => e.action),
      ['opened', 'reported_again', 'taken', 'repaired', 'verified'],
    );
    const byReport = await api(admin, 'GET', `/api/defects?report_id=${verify.body.payload.id}`);
    assert.deepEqual(byReport.body.payload.items.map((d: { id: number }) => d.id).sort(), [brake.id, signal.id].sort());
  });

  it('a defect reported mid-shift, a repair that does not hold, a hold by hand and a close', async () => {
    at('2026-01-22T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const admin = await ctx().createUser('admin');
    const vehicleId = await ctx().createVehicle();
    const [item] = await ctx().app.services.checklist.applicableItems('Light Vehicle');

    const body = { vehicle_id: vehicleId, checklist_item_id: item!.id, severity: 'warning', remark: 'ban kempes' };
    const reported = await api(driver, 'POST', '/api/defects', body);
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    assert.equal(reported.body.payload.opened_report_id, null);
    const again = await api(driver, 'POST', '/api/defects', { ...body, severity: 'abnormal', remark: 'ban sobek' });
    assert.equal(again.body.payload.id, reported.body.payload.id);
    assert.equal(again.body.payload.reported_count, 2);
    assert.equal(again.body.payload.severity, 'abnormal');
    assert.equal((await api(driver, 'GET', `/api/vehicles/${vehicleId}`)).body.payload.operational_status, 'out_of_service');
    assert.equal((await api(admin, 'POST', `/api/vehicles/${vehicleId}/return-to-service`)).body.payload.code, 'UNRESOLVED_ABNORMAL_DEFECT');

    const id = reported.body.payload.id;
    assert.equal((await api(admin, 'POST', `/api/defects/${id}/repair`, { note: 'tambal' })).status, 200);
    const reopened = await api(driver, 'POST', '/api/defects', { ...body, remark: 'kempes lagi' });
    assert.equal(reopened.body.payload.id, id);
    assert.equal(reopened.body.payload.status, 'open');
    assert.equal(reopened.body.payload.events.at(-1).action, 'reopened');

    assert.equal((await api(driver, 'POST', `/api/defects/${id}/close`, { reason: 'x' })).status, 403);
    const closed = await api(admin, 'POST', `/api/defects/${id}/close`, { reason: 'ban diganti unit cadangan' });
    assert.equal(closed.body.payload.status, 'closed');

    const held = await api(admin, 'POST', `/api/vehicles/${vehicleId}/out-of-service`, { reason: 'servis berkala' });
    assert.equal(held.body.payload.operational_status, 'out_of_service');
    assert.equal(held.body.payload.out_of_service_reason, 'servis berkala');
    const released = await api(admin, 'POST', `/api/vehicles/${vehicleId}/return-to-service`);
    assert.equal(released.body.payload.operational_status, 'ready');
    assert.equal((await api(driver, 'POST', `/api/vehicles/${vehicleId}/out-of-service`, { reason: 'x' })).status, 403);
  });

  it('untrusted ids and bodies get clear errors', async () => {
    const admin = await ctx().createUser('admin');
    const mechanic = await ctx().createUser('mechanic');
    assert.equal((await api(mechanic, 'POST', '/api/defects/999999/take')).body.payload.code, 'DEFECT_NOT_FOUND');
    assert.equal((await api(admin, 'POST', '/api/defects/1/assign', { user_id: admin.id })).body.payload.code, 'ASSIGNEE_NOT_MECHANIC');
    assert.equal((await api(mechanic, 'POST', '/api/defects', { vehicle_id: 1, checklist_item_id: 1, severity: 'abnormal', remark: 'x' })).status, 403);
    const vehicleId = await ctx().createVehicle();
    assert.equal((await api(admin, 'GET', `/api/vehicles/${vehicleId}/availability?from=2026-02-01&to=2026-01-01`)).body.payload.code, 'INVALID_DATE_RANGE');
  });
});

describeEachDatabase('defects under concurrent reports', (ctx) => {
  it('three ABNORMAL reports on one unit at once are all stored, and add to one defect', async () => {
    ctx().clock.now = new Date('2026-01-23T06:42:00+08:00');
    const admin = await ctx().createUser('admin');
    const vehicleId = await ctx().createVehicle();
    const items = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    const details = items.map((item, index) =>
      index === 3 ? { checklist_item_id: item.id, status: 'abnormal', keterangan: 'rem blong' } : { checklist_item_id: item.id, status: 'normal' },
    );
    const answers = await Promise.all(
      [1, 2, 3].map((shift_number) => ctx().request({ method: 'POST', url: '/api/p2h/reports', token: admin.token, body: { vehicle_id: vehicleId, shift_number, details } })),
    );
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201], JSON.stringify(answers.map((a) => a.body.payload?.code)));
    const list = await ctx().request({ method: 'GET', url: `/api/defects?vehicle_id=${vehicleId}`, token: admin.token });
    assert.equal(list.body.payload.total, 1);
    assert.equal(list.body.payload.items[0].reported_count, 3);
  });
});
