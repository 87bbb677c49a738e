import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../src/audit/schema.js';
import { VEHICLE_COLUMNS } from '../../src/imports/values.js';
import { vehicles } from '../../src/vehicles/schema.js';
import { describeEachDatabase, type TestUser } from '../support/app.js';
import { fillTemplate, importFile, template, type Row } from './files.js';

const GOOD: Row[] = [
  ['imp.101', 'kt 1001 aa', 'light vehicle', 'shift', 'Toyota', '2027-01-31', '31/12/2026', null],
  ['IMP.102', 'KT 1002 AB', 'Bus', 'Long Shift', null, new Date(Date.UTC(2027, 5, 30)), null, '2026-08-17'],
  ['IMP.103', 'KT 1003 AC', 'Double Cabin', 'non_shift', 'Mitsubishi', null, null, null],
];

describeEachDatabase('bulk import of units', (ctx) => {
  let admin: TestUser;
  const vehicleCount = async () => (await ctx().database.db.select({ n: count() }).from(vehicles))[0]!.n;
  const auditCount = async () => (await ctx().database.db.select({ n: count() }).from(auditLog))[0]!.n;

  before(async () => {
    admin = await ctx().createUser('admin', { name: 'Admin Impor' });
  });

  it('serves a template whose first sheet has the columns to fill', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template(ctx(), admin.token, 'vehicles')) as unknown as ArrayBuffer);
    assert.deepEqual((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1), [...VEHICLE_COLUMNS]);
    assert.equal(workbook.worksheets[1]!.name, 'Petunjuk');
  });

  it('dry run lists exactly the bad rows; the real run refuses them all and writes nothing; the fixed file writes everything; again changes nothing', async () => {
    const blank = await template(ctx(), admin.token, 'vehicles');
    const bad: Row[] = [
      ['IMP.104', 'KT 1004 AD', 'Kereta Kencana', 'shift', null, null, null, null], // row 5: unknown type
      ['imp 101', 'KT 9999 ZZ', 'Bus', 'shift', null, null, null, null], // row 6: the same unit as row 2
      ['IMP.105', 'KT 1005 AE', 'Bus', 'shift', null, '2026-02-30', null, null], // row 7: no such day
      ['IMP.106', null, 'Bus', 'triple', null, null, null, null], // row 8: no plate, unknown shift
      ['IMP.107', 'KT 1007 AF', 'Bus', 'shift', 'x'.repeat(61), null, null, null], // row 9: brand too long
    ];
    const withErrors = await fillTemplate(blank, [...GOOD, ...bad]);
    const vehiclesBefore = await vehicleCount();
    const auditBefore = await auditCount();

    const dry = await importFile(ctx(), admin.token, 'vehicles', withErrors, { dryRun: true });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    const found = dry.body.payload.errors.map((e: any) => `${e.row}:${e.column}:${e.code}`);
    assert.deepEqual(found, ['5:vehicle_type:unknown_vehicle_type', '6:unit_code:duplicate_in_file', '7:stnk_expiry:invalid_date', '8:plate_number:required', '8:shift_type:unknown_shift_type', '9:brand:max_length']);
    assert.match(dry.body.payload.errors[1].message, /baris 2/);
    assert.deepEqual(
      dry.body.payload.items.map((i: any) => [i.row, i.action, i.key]),
      [
        [2, 'create', 'IMP.101'],
        [3, 'create', 'IMP.102'],
        [4, 'create', 'IMP.103'],
      ],
    );
    assert.deepEqual([dry.body.payload.dry_run, dry.body.payload.rows, dry.body.payload.create], [true, 8, 3]);

    const refused = await importFile(ctx(), admin.token, 'vehicles', withErrors);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.payload.code, 'IMPORT_INVALID');
    assert.equal(refused.body.payload.errors.length, 6, 'the refusal carries every error');
    assert.equal(await vehicleCount(), vehiclesBefore, 'nothing written');
    assert.equal(await auditCount(), auditBefore);

    const fixed = await fillTemplate(blank, GOOD);
    const done = await importFile(ctx(), admin.token, 'vehicles', fixed);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual([done.body.payload.dry_run, done.body.payload.create, done.body.payload.update, done.body.payload.errors], [false, 3, 0, []]);
    assert.equal(await vehicleCount(), vehiclesBefore + 3);
    const list = await ctx().request({ method: 'GET', url: '/api/vehicles?q=IMP&page_size=50', token: admin.token });
    const byCode = new Map(list.body.payload.items.map((v: any) => [v.unit_code, v]));
    assert.deepEqual(
      ['IMP.101', 'IMP.102', 'IMP.103'].map((code) => {
        const v: any = byCode.get(code);
        return [v.plate_number, v.vehicle_type, v.shift_type, v.brand, v.stnk_expiry, v.kir_expiry, v.pajak_expiry];
      }),
      [
        ['KT 1001 AA', 'Light Vehicle', 'shift', 'Toyota', '2027-01-31', '2026-12-31', null],
        ['KT 1002 AB', 'Bus', 'long_shift', null, '2027-06-30', null, '2026-08-17'],
        ['KT 1003 AC', 'Double Cabin', 'non_shift', 'Mitsubishi', null, null, null],
      ],
    );
    // Each unit, and the documents of the two that have dates.
    assert.equal(await auditCount(), auditBefore + 5);
    const entries = await ctx().database.db.select().from(auditLog).where(eq(auditLog.entity, 'document'));
    assert.ok(entries.some((e) => e.actorName === 'Admin Impor' && (e.after as any).kir_expiry === '2026-12-31'));

    const again = await importFile(ctx(), admin.token, 'vehicles', fixed);
    assert.equal(again.status, 200);
    assert.deepEqual([again.body.payload.create, again.body.payload.update, again.body.payload.unchanged], [0, 0, 3]);
    assert.equal(await auditCount(), auditBefore + 5, 'the same file again records nothing');

    const changed = await fillTemplate(blank, [['IMP.103', 'KT 1003 AC', 'Double Cabin', 'shift', null, null, '2027-03-01', null]]);
    const update = await importFile(ctx(), admin.token, 'vehicles', changed);
    assert.deepEqual([update.body.payload.update, update.body.payload.items[0].action], [1, 'update']);
    const unit: any = (await ctx().request({ method: 'GET', url: '/api/vehicles?q=IMP.103', token: admin.token })).body.payload.items[0];
    assert.deepEqual([unit.shift_type, unit.brand, unit.kir_expiry], ['shift', 'Mitsubishi', '2027-03-01'], 'an empty brand leaves the stored one alone');
    assert.equal(await auditCount(), auditBefore + 7);
  });

  it('refuses a driver and a viewer', async () => {
    for (const role of ['user', 'viewer'] as const) {
      const caller = await ctx().createUser(role);
      const response = await importFile(ctx(), caller.token, 'vehicles', Buffer.from('unit_code\n'));
      assert.equal(response.status, 403);
    }
  });
});
