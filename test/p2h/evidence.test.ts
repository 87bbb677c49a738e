import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';
import { createPhotos, photoRows, ref } from '../support/photos.js';

type Answer = { checklist_item_id: number; status: string; keterangan?: string; photo_ids?: number[] };

async function allNormal(ctx: TestContext): Promise<Answer[]> {
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  return items.map((item) => ({ checklist_item_id: item.id, status: 'normal' }));
}

function submit(ctx: TestContext, user: TestUser, body: Record<string, unknown>) {
  return ctx.request({ method: 'POST', url: '/api/p2h/reports', token: user.token, body });
}

async function reportsOf(ctx: TestContext, user: TestUser): Promise<number> {
  const list = await ctx.request({ method: 'GET', url: `/api/p2h/reports?user_id=${user.id}`, token: user.token });
  return list.body.payload.total;
}

describeEachDatabase('P2H evidence: answer photos, resends, inspected_at and location', (ctx) => {
  const at = (iso: string) => (ctx().clock.now = new Date(iso));

  it('attaches answer photos: the report, its detail and the defect it opened show them', async () => {
    at('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const [brake1, brake2, tyre, normal] = await createPhotos(ctx(), driver.id, 4);
    const details = await allNormal(ctx());
    details[4] = { ...details[4]!, status: 'abnormal', keterangan: 'Rem blong', photo_ids: [brake1!, brake2!] };
    details[7] = { ...details[7]!, status: 'warning', keterangan: 'Ban tipis', photo_ids: [tyre!] };
    details[9] = { ...details[9]!, photo_ids: [normal!] };

    const res = await submit(ctx(), driver, { vehicle_id: vehicleId, shift_number: 1, details });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const report = res.body.payload;
    assert.deepEqual(report.details[4].photos, [ref(brake1!), ref(brake2!)]);
    assert.deepEqual(report.details[7].photos, [ref(tyre!)]);
    assert.deepEqual(report.details[9].photos, [ref(normal!)], 'a NORMAL answer keeps its photos too');
    assert.deepEqual(report.details[0].photos, []);

    const fetched = await ctx().request({ method: 'GET', url: `/api/p2h/reports/${report.id}`, token: driver.token });
    assert.deepEqual(fetched.body.payload.details, report.details);
    const list = await ctx().request({ method: 'GET', url: `/api/p2h/reports?vehicle_id=${vehicleId}`, token: driver.token });
    assert.equal(list.body.payload.items[0].details, undefined, 'the list stays without answers and photos');

    const admin = await ctx().createUser('admin');
    const defects = await ctx().request({ method: 'GET', url: `/api/defects?report_id=${report.id}`, token: admin.token });
    const brake = defects.body.payload.items.find((d: { checklist_item_id: number }) => d.checklist_item_id === details[4]!.checklist_item_id);
    const rows = await photoRows(ctx(), [brake1!, tyre!, normal!]);
    assert.deepEqual(
      rows.map((r) => [r.attachedTo, r.reportId, r.checklistItemId, r.defectId !== null]),
      [
        ['answer', report.id, details[4]!.checklist_item_id, true],
        ['answer', report.id, details[7]!.checklist_item_id, true],
        ['answer', report.id, details[9]!.checklist_item_id, false],
      ],
    );
    assert.equal(rows[0]!.defectId, brake.id);
    const detail = await ctx().request({ method: 'GET', url: `/api/defects/${brake.id}`, token: admin.token });
    assert.deepEqual(detail.body.payload.photos, [ref(brake1!), ref(brake2!)]);
    assert.deepEqual(detail.body.payload.events[0].photos, [ref(brake1!), ref(brake2!)], 'on the step the report opened');
  });

  it("refuses someone else's, an attached, an unknown, a repeated photo and a sixth one: nothing stored", async () => {
    at('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const other = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const [mine, mine2] = await createPhotos(ctx(), driver.id, 2);
    const [theirs] = await createPhotos(ctx(), other.id, 1);
    const six = await createPhotos(ctx(), driver.id, 6);
    // An attached one: used by another report already.
    const [used] = await createPhotos(ctx(), driver.id, 1);
    const first = await allNormal(ctx());
    first[0] = { ...first[0]!, photo_ids: [used!] };
    assert.equal((await submit(ctx(), driver, { vehicle_id: await ctx().createVehicle(), shift_number: 1, details: first })).status, 201);
    const before = await reportsOf(ctx(), driver);

    const cases: [string, (d: Answer[]) => void, number, string][] = [
      ["someone else's", (d) => (d[3] = { ...d[3]!, photo_ids: [mine!, theirs!] }), 422, 'photo_not_yours'],
      ['already attached', (d) => (d[3] = { ...d[3]!, photo_ids: [used!] }), 422, 'photo_already_attached'],
      ['unknown', (d) => (d[3] = { ...d[3]!, photo_ids: [mine!, 2_000_000_000] }), 422, 'photo_not_found'],
      ['one id on two answers', (d) => ((d[3] = { ...d[3]!, photo_ids: [mine!] }), (d[5] = { ...d[5]!, photo_ids: [mine!] })), 422, 'photo_already_attached'],
      ['one id twice in an answer', (d) => (d[3] = { ...d[3]!, photo_ids: [mine2!, mine2!] }), 400, 'invalid'],
      ['six on one answer', (d) => (d[3] = { ...d[3]!, photo_ids: six }), 400, 'max_items'],
    ];
    for (const [name, change, status, code] of cases) {
      const details = await allNormal(ctx());
      change(details);
      const res = await submit(ctx(), driver, { vehicle_id: vehicleId, shift_number: 1, details });
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
      if (status === 422) {
        assert.equal(res.body.payload.code, 'PHOTO_NOT_ATTACHABLE', name);
        const detail = res.body.payload.details.find((d: { code: string }) => d.code === code);
        assert.ok(detail, `${name}: ${JSON.stringify(res.body.payload.details)}`);
        assert.match(detail.field, /^details\[\d\]\.photo_ids$/);
        assert.equal(res.body.payload.details.length, 1, `${name}: only the offending id is named`);
      } else {
        assert.ok(res.body.payload.details.some((d: { field: string }) => d.field.includes('photo_ids')), `${name}: ${JSON.stringify(res.body.payload)}`);
      }
    }
    assert.equal(await reportsOf(ctx(), driver), before, 'no report was created');
    const untouched = await photoRows(ctx(), [mine!, mine2!, theirs!, ...six]);
    assert.ok(untouched.every((p) => p.attachedAt === null && p.reportId === null), 'the photos are still unattached');
  });

  it('the same client_submission_id again answers 200 with the stored report, even once the slot is closed', async () => {
    at('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const id = randomUUID();
    const body = { vehicle_id: vehicleId, shift_number: 1, details: await allNormal(ctx()), client_submission_id: id };
    const first = await submit(ctx(), driver, body);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.payload.client_submission_id, id);

    const again = await submit(ctx(), driver, body);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.payload.id, first.body.payload.id);
    assert.deepEqual(again.body.payload, first.body.payload);

    at('2026-01-21T20:00:00+08:00'); // slot 1 closed at 15:30
    const late = await submit(ctx(), driver, body);
    assert.equal(late.status, 200, JSON.stringify(late.body));
    assert.equal(late.body.payload.id, first.body.payload.id);
    assert.equal(await reportsOf(ctx(), driver), 1);

    // Another driver's phone made the same uuid: they file their own report.
    const other = await ctx().createUser('user');
    const theirs = await submit(ctx(), other, { ...body, vehicle_id: await ctx().createVehicle(), shift_number: 2 });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    assert.notEqual(theirs.body.payload.id, first.body.payload.id);
  });

  it('documents both answers of a submission: 201 a new report, 200 a resend', async () => {
    const response = await ctx().app.http.inject({ method: 'GET', url: '/docs/json' });
    const responses = (response.json() as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> }).paths['/api/p2h/reports']!.post!.responses;
    assert.match(responses['201']!.description ?? '', /new report/);
    assert.match(responses['200']!.description ?? '', /resend/);
  });

  it('two sends of one submission at once make one report: one 201, one 200', async () => {
    at('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const body = { vehicle_id: vehicleId, shift_number: 1, details: await allNormal(ctx()), client_submission_id: randomUUID() };
    const results = await Promise.all([submit(ctx(), driver, body), submit(ctx(), driver, body)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 201], JSON.stringify(results.map((r) => r.body)));
    assert.equal(results[0]!.body.payload.id, results[1]!.body.payload.id);
    assert.equal(await reportsOf(ctx(), driver), 1);
  });

  it('a report that waited 3 hours files the slot and operational day of then (inspected_at); submitted_at is now', async () => {
    at('2026-01-22T07:00:00+08:00');
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle({ shiftType: 'shift' });
    const inspectedAt = '2026-01-21T20:00:00.000Z'; // 04:00 WITA on the 22nd: slot 3 of the 21st
    const res = await submit(ctx(), driver, { vehicle_id: vehicleId, details: await allNormal(ctx()), waited_seconds: 3 * 3600 });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.payload.shift_number, 3);
    assert.equal(res.body.payload.operational_date, '2026-01-21');
    assert.equal(res.body.payload.inspected_at, inspectedAt);
    assert.equal(res.body.payload.submitted_at, '2026-01-21T23:00:00.000Z');

    // Slot 3 is closed now (05:00), and without the wait the driver is refused.
    const now = await submit(ctx(), driver, { vehicle_id: await ctx().createVehicle(), shift_number: 3, details: await allNormal(ctx()) });
    assert.equal(now.status, 422);
    assert.equal(now.body.payload.code, 'SLOT_NOT_OPEN');
  });

  it('refuses a wait over 24 hours, and a short wait is a send at once; the phone clock is never read', async () => {
    at('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const details = await allNormal(ctx());
    const send = (waited_seconds: number) => submit(ctx(), driver, { vehicle_id: vehicleId, details, waited_seconds });
    const old = await send(25 * 3600);
    assert.equal(old.status, 422, JSON.stringify(old.body));
    assert.equal(old.body.payload.code, 'INVALID_INSPECTION_TIME');
    assert.deepEqual(old.body.payload.details.map((d: { field: string; code: string }) => [d.field, d.code]), [['waited_seconds', 'inspected_at_too_old']]);
    const negative = await send(-5);
    assert.equal(negative.status, 400);
    assert.equal(await reportsOf(ctx(), driver), 0);
    const atOnce = await send(20);
    assert.equal(atOnce.status, 201, JSON.stringify(atOnce.body));
    assert.equal(atOnce.body.payload.inspected_at, null);
  });

  it('stores and returns the location; without one it is null', async () => {
    at('2026-01-21T06:42:00+08:00');
    const driver = await ctx().createUser('user');
    const location = { latitude: -0.502106, longitude: 117.153709, accuracy_m: 12.5 };
    const res = await submit(ctx(), driver, { vehicle_id: await ctx().createVehicle(), shift_number: 1, details: await allNormal(ctx()), location });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.payload.location, location);
    const fetched = await ctx().request({ method: 'GET', url: `/api/p2h/reports/${res.body.payload.id}`, token: driver.token });
    assert.deepEqual(fetched.body.payload.location, location);
    const list = await ctx().request({ method: 'GET', url: `/api/p2h/reports?user_id=${driver.id}`, token: driver.token });
    assert.deepEqual(list.body.payload.items[0].location, location);

    const none = await submit(ctx(), driver, { vehicle_id: await ctx().createVehicle(), shift_number: 1, details: await allNormal(ctx()) });
    assert.equal(none.body.payload.location, null);
    assert.equal(none.body.payload.inspected_at, null);
    assert.equal(none.body.payload.client_submission_id, null);
  });
});

describeEachDatabase(
  'P2H evidence with P2H_DEFECT_PHOTO=required',
  (ctx) => {
    it('a WARNING or ABNORMAL answer without a photo is refused with 422 PHOTO_REQUIRED naming it', async () => {
      const driver = await ctx().createUser('user');
      const vehicleId = await ctx().createVehicle();
      const [photo] = await createPhotos(ctx(), driver.id, 1);
      const details = await allNormal(ctx());
      details[2] = { ...details[2]!, status: 'warning', keterangan: 'Oli rembes', photo_ids: [photo!] };
      details[6] = { ...details[6]!, status: 'abnormal', keterangan: 'Rem blong' };
      details[8] = { ...details[8]!, status: 'warning', keterangan: 'Sein redup', photo_ids: [] };
      const refused = await submit(ctx(), driver, { vehicle_id: vehicleId, shift_number: 1, details });
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.payload.code, 'PHOTO_REQUIRED');
      assert.deepEqual(
        refused.body.payload.details.map((d: { field: string; code: string }) => [d.field, d.code]),
        [
          ['details[6].photo_ids', 'photo_required'],
          ['details[8].photo_ids', 'photo_required'],
        ],
      );
      const [photo2, photo3] = await createPhotos(ctx(), driver.id, 2);
      details[6] = { ...details[6]!, photo_ids: [photo2!] };
      details[8] = { ...details[8]!, photo_ids: [photo3!] };
      const accepted = await submit(ctx(), driver, { vehicle_id: vehicleId, shift_number: 1, details });
      assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    });
  },
  { P2H_DEFECT_PHOTO: 'required' },
);
