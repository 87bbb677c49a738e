import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { count, like } from 'drizzle-orm';
import { auditLog } from '../../src/audit/schema.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, VEHICLE_COLUMNS } from '../../src/imports/values.js';
import { users } from '../../src/users/schema.js';
import { vehicles } from '../../src/vehicles/schema.js';
import { png } from '../photos/images.js';
import { describeEachDatabase, type TestUser } from '../support/app.js';
import { csv, importFile, utf16WithBom, windows1252, xlsx, zip, type Row } from './files.js';

const HEADER = [...VEHICLE_COLUMNS];

describeEachDatabase('bulk import: files that are not what they seem', (ctx) => {
  let admin: TestUser;
  const written = async () => [
    (await ctx().database.db.select({ n: count() }).from(vehicles))[0]!.n,
    (await ctx().database.db.select({ n: count() }).from(users))[0]!.n,
    (await ctx().database.db.select({ n: count() }).from(auditLog))[0]!.n,
  ];

  before(async () => {
    admin = await ctx().createUser('admin');
  });

  it('answers each bad file with its own code and writes nothing', async () => {
    const before = await written();
    const workbookXml = Buffer.from('<workbook/>');
    const manyRows = csv([HEADER, ...Array.from({ length: 100_000 }, (_, i) => [`B.${i}`, 'KT 1 A', 'Bus', 'shift', null, null, null, null])]);
    const tooManyXlsx = await xlsx([HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i): Row => [`X.${i}`, 'KT 1 A', 'Bus', 'shift'])]);
    const goodXlsx = await xlsx([HEADER, ['C.1', 'KT 1 A', 'Bus', 'shift']]);
    const cases: [string, Buffer, number, string][] = [
      ['a PNG named .xlsx', await png(), 415, 'IMPORT_NOT_SPREADSHEET'],
      ['an old .xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 415, 'IMPORT_NOT_SPREADSHEET'],
      ['a zip that is no workbook', zip([{ name: 'hello.txt', data: Buffer.from('hi') }]), 415, 'IMPORT_NOT_SPREADSHEET'],
      ['a zip bomb (100 MB of zeros, declared)', zip([{ name: 'xl/workbook.xml', data: workbookXml }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * 1024 * 1024) }]), 413, 'IMPORT_UNPACKED_TOO_LARGE'],
      ['a zip bomb whose directory lies', zip([{ name: 'xl/workbook.xml', data: workbookXml }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024), declared: 1000 }]), 413, 'IMPORT_UNPACKED_TOO_LARGE'],
      ['a cut-off .xlsx', goodXlsx.subarray(0, Math.floor(goodXlsx.length / 2)), 422, 'IMPORT_CORRUPT'],
      ['100 000 CSV rows', Buffer.from(manyRows), 413, 'IMPORT_TOO_MANY_ROWS'],
      [`${MAX_IMPORT_ROWS + 1} .xlsx rows`, tooManyXlsx, 413, 'IMPORT_TOO_MANY_ROWS'],
      ['an empty file', Buffer.alloc(0), 422, 'IMPORT_EMPTY'],
      ['the header alone', Buffer.from(csv([HEADER])), 422, 'IMPORT_EMPTY'],
      ['a file past the upload cap', Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a'), 413, 'IMPORT_TOO_LARGE'],
    ];
    for (const [label, file, status, code] of cases) {
      for (const dryRun of [true, false]) {
        const response = await importFile(ctx(), admin.token, 'vehicles', file, { dryRun });
        assert.deepEqual([response.status, response.body.payload?.code], [status, code], `${label} (dry run ${dryRun}): ${response.body.message}`);
        assert.equal(response.body.success, false);
      }
    }
    assert.deepEqual(await written(), before);
  });

  it('stores a formula as its text, never its result', async () => {
    const file = await xlsx([HEADER, ['F.1', 'KT 5 F', 'Bus', 'shift', { formula: 'HYPERLINK("http://contoh.invalid","klik")', result: 'klik' } as never, null, null, null]]);
    const response = await importFile(ctx(), admin.token, 'vehicles', file);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const unit = (await ctx().request({ method: 'GET', url: '/api/vehicles?q=F.1', token: admin.token })).body.payload.items[0];
    assert.equal(unit.brand, '=HYPERLINK("http://contoh.invalid","klik")');
  });

  it('refuses merged cells with their row and column, and skips empty rows keeping the sheet\'s numbering', async () => {
    const merged = await xlsx([HEADER, ['M.1', 'KT 6 M', 'Bus', 'shift', 'Hino', null, null, null], ['M.2', 'KT 7 M', 'Bus', 'shift', null, null, null, null]], (sheet) => sheet.mergeCells('E2:E3'));
    const response = await importFile(ctx(), admin.token, 'vehicles', merged, { dryRun: true });
    assert.deepEqual(response.body.payload.errors.map((e: any) => `${e.row}:${e.column}:${e.code}`), ['2:brand:merged_cell']);

    const gaps = await xlsx([HEADER, ['G.1', 'KT 8 G', 'Bus', 'shift'], [], [null, '  '], ['G.2', null, 'Bus', 'shift']]);
    const checked = await importFile(ctx(), admin.token, 'vehicles', gaps, { dryRun: true });
    assert.equal(checked.body.payload.rows, 2);
    assert.deepEqual(checked.body.payload.errors.map((e: any) => `${e.row}:${e.column}`), ['5:plate_number']);
  });

  it('reads CSV with ; in Windows-1252, UTF-16 with its BOM, and UTF-8 with a BOM', async () => {
    const header = ['full_name', 'phone_number', 'email', 'role', 'password'];
    const latin = windows1252(csv([header, ['André Pérez', '081322220001', null, 'user', 'kata-sandi-1'], ['Ñoño; Jr', '081322220002', null, 'viewer', 'kata-sandi-2']], ';'));
    const fromLatin = await importFile(ctx(), admin.token, 'users', latin, { filename: 'u.csv' });
    assert.equal(fromLatin.status, 200, JSON.stringify(fromLatin.body));
    const unicode = utf16WithBom(csv([header, ['Wayan Sudarta', '081322220003', null, 'user', 'kata-sandi-3']], '\t'));
    assert.equal((await importFile(ctx(), admin.token, 'users', unicode, { filename: 'u.txt' })).status, 200);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([header, ['Ayu Lestari', '081322220004', null, 'user', 'kata-sandi-4']]))]);
    assert.equal((await importFile(ctx(), admin.token, 'users', bom, { filename: 'u.csv' })).status, 200);
    const rows = await ctx().database.db.select({ name: users.fullName }).from(users).where(like(users.phoneNumber, '+6281322220%'));
    const names = rows.map((u) => u.name).sort();
    assert.deepEqual(names, ['André Pérez', 'Ayu Lestari', 'Wayan Sudarta', 'Ñoño; Jr']);
  });

  it('names unknown and missing columns on row 1', async () => {
    const response = await importFile(ctx(), admin.token, 'vehicles', Buffer.from(csv([['Unit Code', 'plat', 'vehicle_type', 'shift_type'], ['Z.1', 'KT 1', 'Bus', 'shift']])), { dryRun: true });
    assert.deepEqual(response.body.payload.errors.map((e: any) => `${e.row}:${e.column}:${e.code}`), ['1:plat:unknown_column', '1:plate_number:missing_column']);
  });
});
