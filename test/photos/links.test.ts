import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../src/lib/errors.js';
import { requestProblems } from '../../src/photos/links.js';
import { describeEachDatabase } from '../support/app.js';
import { createPhotos, photoRows, ref } from '../support/photos.js';

describe('photo links: what is refused before the database is asked', () => {
  it('names more than five ids on one field and an id used twice, wherever it repeats', () => {
    assert.deepEqual(requestProblems([{ photoIds: [1, 2], field: 'a' }]), []);
    assert.deepEqual(
      requestProblems([
        { photoIds: [1, 2, 3, 4, 5, 6], field: 'a' },
        { photoIds: [7, 1], field: 'b' },
        { photoIds: [8, 8], field: 'c' },
      ]).map((p) => [p.field, p.code]),
      [
        ['a', 'max_items'],
        ['b', 'photo_already_attached'],
        ['c', 'photo_already_attached'],
      ],
    );
  });
});

describeEachDatabase('photo links', (ctx) => {
  it('attaches several requests in one go and reads them back per report item and per defect', async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const items = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    const details = items.map((item, n) => ({ checklist_item_id: item.id, status: n === 0 ? ('abnormal' as const) : ('normal' as const), keterangan: n === 0 ? 'Rem' : null }));
    const report = await ctx().app.services.p2h.submit({ id: driver.id, role: 'user', fullName: 'Driver' }, { vehicle_id: vehicleId, shift_number: 1, details });
    const [a, b, c] = await createPhotos(ctx(), driver.id, 3);
    const links = ctx().app.services.photoLinks;
    const defects = await ctx().app.services.defects.list({ page: 1, page_size: 10, vehicle_id: vehicleId });
    const defectId = defects.items[0]!.id;
    await ctx().database.db.transaction(async (tx) => {
      await links.attach(tx, driver.id, [
        { photoIds: [a!, b!], target: { kind: 'answer', reportId: report.id, checklistItemId: items[0]!.id, defectId }, field: 'details[0].photo_ids' },
        { photoIds: [c!], target: { kind: 'answer', reportId: report.id, checklistItemId: items[1]!.id, defectId: null }, field: 'details[1].photo_ids' },
        { photoIds: [], target: { kind: 'answer', reportId: report.id, checklistItemId: items[2]!.id, defectId: null }, field: 'details[2].photo_ids' },
      ]);
    });
    const byItem = await links.forReport(report.id);
    assert.deepEqual(byItem.get(items[0]!.id), [ref(a!), ref(b!)]);
    assert.deepEqual(byItem.get(items[1]!.id), [ref(c!)]);
    assert.equal(byItem.has(items[2]!.id), false);
    const byDefect = await links.forDefects([defectId, 999_999]);
    assert.deepEqual([...byDefect.entries()], [[defectId, [ref(a!), ref(b!)]]]);
    assert.deepEqual(await links.forDefects([]), new Map());
  });

  it('refuses the whole set with a detail per bad id, and the transaction leaves every photo as it was', async () => {
    const driver = await ctx().createUser('user');
    const other = await ctx().createUser('user');
    const [mine, alsoMine] = await createPhotos(ctx(), driver.id, 2);
    const [theirs] = await createPhotos(ctx(), other.id, 1);
    const [attached] = await createPhotos(ctx(), driver.id, 1);
    const links = ctx().app.services.photoLinks;
    const defect = await ctx().app.services.defects.report({ id: driver.id, role: 'user', fullName: 'Driver' }, {
      vehicle_id: await ctx().createVehicle(),
      checklist_item_id: (await ctx().app.services.checklist.applicableItems('Light Vehicle'))[0]!.id,
      severity: 'warning',
      remark: 'Spion',
      photo_ids: [attached!],
    });
    const target = { kind: 'defect' as const, defectId: defect.id };
    await assert.rejects(
      ctx().database.db.transaction((tx) =>
        links.attach(tx, driver.id, [
          { photoIds: [mine!, theirs!], target, field: 'x' },
          { photoIds: [alsoMine!, attached!, 2_000_000_001], target, field: 'y' },
        ]),
      ),
      (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'PHOTO_NOT_ATTACHABLE');
        assert.deepEqual(
          error.details?.map((d) => [d.field, d.code]),
          [
            ['x', 'photo_not_yours'],
            ['y', 'photo_already_attached'],
            ['y', 'photo_not_found'],
          ],
        );
        return true;
      },
    );
    const rows = await photoRows(ctx(), [mine!, alsoMine!, theirs!]);
    assert.ok(rows.every((r) => r.attachedAt === null && r.defectId === null), 'rolled back');
  });
});
