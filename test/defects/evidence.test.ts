import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase, type TestUser } from '../support/app.js';
import { createPhotos, photoRows, ref } from '../support/photos.js';

describeEachDatabase('defect evidence: photos of a defect report and of its repair', (ctx) => {
  const api = (user: TestUser, method: 'GET' | 'POST', url: string, body?: unknown) => ctx().request({ method, url, token: user.token, body });

  it('a defect reported with photos, repaired with photos: the detail and its timeline show both', async () => {
    ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const mechanic = await ctx().createUser('mechanic');
    const vehicleId = await ctx().createVehicle();
    const [item] = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    const seen = await createPhotos(ctx(), driver.id, 2);
    const reported = await api(driver, 'POST', '/api/defects', { vehicle_id: vehicleId, checklist_item_id: item!.id, severity: 'abnormal', remark: 'Rem bocor', photo_ids: seen });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    const defect = reported.body.payload;
    assert.deepEqual(defect.photos, seen.map(ref));
    assert.deepEqual(defect.events.map((e: { action: string; photos: unknown[] }) => [e.action, e.photos]), [['opened', seen.map(ref)]]);
    const rows = await photoRows(ctx(), seen);
    assert.ok(rows.every((r) => r.attachedTo === 'defect' && r.defectId === defect.id && r.attachedAt !== null));

    // Seen again mid-shift by the same driver: the photos go on the step that added to it.
    const [again] = await createPhotos(ctx(), driver.id, 1);
    const added = await api(driver, 'POST', '/api/defects', { vehicle_id: vehicleId, checklist_item_id: item!.id, severity: 'abnormal', remark: 'Masih bocor', photo_ids: [again] });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.payload.id, defect.id);
    assert.deepEqual(added.body.payload.events.map((e: { action: string; photos: unknown[] }) => [e.action, e.photos.length]), [['opened', 2], ['reported_again', 1]]);

    assert.equal((await api(mechanic, 'POST', `/api/defects/${defect.id}/take`)).status, 200);
    const [notMine] = await createPhotos(ctx(), driver.id, 1);
    const refused = await api(mechanic, 'POST', `/api/defects/${defect.id}/repair`, { note: 'Selang rem diganti', photo_ids: [notMine] });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.payload.code, 'PHOTO_NOT_ATTACHABLE');
    assert.deepEqual(refused.body.payload.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['photo_ids', 'photo_not_yours']]);
    const still = await api(mechanic, 'GET', `/api/defects/${defect.id}`);
    assert.equal(still.body.payload.status, 'in_progress', 'the refused repair was not recorded');

    const fixed = await createPhotos(ctx(), mechanic.id, 2);
    const repaired = await api(mechanic, 'POST', `/api/defects/${defect.id}/repair`, { note: 'Selang rem diganti', photo_ids: fixed });
    assert.equal(repaired.status, 200, JSON.stringify(repaired.body));
    assert.equal(repaired.body.payload.status, 'repaired');
    assert.deepEqual(repaired.body.payload.photos, [...seen, again!, ...fixed].map(ref));
    const repairStep = repaired.body.payload.events.find((e: { action: string }) => e.action === 'repaired');
    assert.deepEqual(repairStep.photos, fixed.map(ref));
    assert.deepEqual(repaired.body.payload.events.find((e: { action: string }) => e.action === 'taken').photos, []);
    const repairRows = await photoRows(ctx(), fixed);
    assert.ok(repairRows.every((r) => r.attachedTo === 'repair' && r.defectId === defect.id && r.defectEventId !== null));

    const detail = await api(mechanic, 'GET', `/api/defects/${defect.id}`);
    assert.deepEqual(detail.body.payload, repaired.body.payload);
  });

  it("a defect report with someone else's photo is refused and opens nothing; a repair without photos still works", async () => {
    ctx().clock.now = new Date('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const other = await ctx().createUser('user');
    const admin = await ctx().createUser('admin');
    const vehicleId = await ctx().createVehicle();
    const [, item] = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    const [theirs] = await createPhotos(ctx(), other.id, 1);
    const refused = await api(driver, 'POST', '/api/defects', { vehicle_id: vehicleId, checklist_item_id: item!.id, severity: 'warning', remark: 'Spion retak', photo_ids: [theirs] });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.payload.code, 'PHOTO_NOT_ATTACHABLE');
    const list = await api(admin, 'GET', `/api/defects?vehicle_id=${vehicleId}`);
    assert.equal(list.body.payload.total, 0);

    const plain = await api(driver, 'POST', '/api/defects', { vehicle_id: vehicleId, checklist_item_id: item!.id, severity: 'warning', remark: 'Spion retak' });
    assert.equal(plain.status, 201);
    assert.deepEqual(plain.body.payload.photos, []);
    const repaired = await api(admin, 'POST', `/api/defects/${plain.body.payload.id}/repair`, { note: 'Spion diganti' });
    assert.equal(repaired.status, 200, JSON.stringify(repaired.body));
    assert.deepEqual(repaired.body.payload.photos, []);
  });
});
