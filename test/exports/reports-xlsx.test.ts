import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { writeReportsWorkbook } from '../../src/exports/report-workbook.js';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';

type Status = 'normal' | 'warning' | 'abnormal';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const INJECTION = '=HYPERLINK("http://contoh.invalid","klik")';

async function answers(ctx: TestContext, flagged: Record<number, [Status, string]> = {}) {
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  return items.map((item, index) => {
    const [status, keterangan] = flagged[index] ?? ['normal'];
    return keterangan ? { checklist_item_id: item.id, status, keterangan } : { checklist_item_id: item.id, status };
  });
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const dataRows = (sheet: ExcelJS.Worksheet) => sheet.rowCount - 1;
const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describeEachDatabase('reports export as Excel', (ctx) => {
  let admin: TestUser;
  let items = 0;
  let firstUnit = 0;
  let firstReport = 0;

  const download = async (token: string | undefined, query: string) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const response = await ctx().app.http.inject({ method: 'GET', url: `/api/exports/reports.xlsx?${query}`, headers });
    return response;
  };
  const workbookOf = async (query: string) => {
    const response = await download(admin.token, query);
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    return readWorkbook(response.rawPayload);
  };

  before(async () => {
    admin = await ctx().createUser('admin', { name: 'Admin Pool' });
    const driver = await ctx().createUser('user', { name: 'Budi Santoso' });
    const mechanic = await ctx().createUser('mechanic', { name: 'Joko Mekanik' });
    firstUnit = await ctx().createVehicle({ unitCode: 'LV-01', plate: 'KT 1234 AB' });
    const secondUnit = await ctx().createVehicle({ unitCode: 'LV-02', plate: 'KT 5678 CD' });
    items = (await answers(ctx())).length;

    ctx().clock.now = new Date('2026-01-20T06:42:00+08:00');
    const first = await ctx().request({
      method: 'POST',
      url: '/api/p2h/reports',
      token: driver.token,
      body: { vehicle_id: firstUnit, shift_number: 1, odometer: 12345.6, details: await answers(ctx(), { 2: ['warning', INJECTION], 5: ['abnormal', 'rem bocor'] }) },
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    firstReport = first.body.payload.id;

    ctx().clock.now = new Date('2026-01-21T06:50:00+08:00');
    const second = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: admin.token, body: { vehicle_id: secondUnit, shift_number: 1, odometer: 800, details: await answers(ctx()) } });
    assert.equal(second.status, 201, JSON.stringify(second.body));

    const defects = await ctx().request({ method: 'GET', url: `/api/defects?vehicle_id=${firstUnit}`, token: admin.token });
    const brake = defects.body.payload.items.find((d: { severity: string }) => d.severity === 'abnormal');
    assert.equal((await ctx().request({ method: 'POST', url: `/api/defects/${brake.id}/take`, token: mechanic.token })).status, 200);
    const repaired = await ctx().request({ method: 'POST', url: `/api/defects/${brake.id}/repair`, token: mechanic.token, body: { note: 'Selang rem diganti' } });
    assert.equal(repaired.status, 200, JSON.stringify(repaired.body));
  });

  it('streams the three sheets with typed cells, frozen headers, filters and the file name', async () => {
    const response = await download(admin.token, 'date_from=2026-01-20&date_to=2026-01-21');
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    assert.equal(response.headers['content-type'], XLSX);
    assert.equal(response.headers['content-disposition'], 'attachment; filename="p2h-laporan-2026-01-20_2026-01-21.xlsx"');
    const workbook = await readWorkbook(response.rawPayload);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['Laporan', 'Detail', 'Defect']);

    const laporan = workbook.getWorksheet('Laporan')!;
    assert.deepEqual(rowValues(laporan, 1), ['ID laporan', 'Tanggal', 'Shift', 'Unit', 'Plat nomor', 'Pengemudi', 'Status', 'Odometer (km)', 'Dikirim (WITA)', 'Jumlah defect']);
    assert.equal(dataRows(laporan), 2);
    const view = laporan.views[0] as { state: string; ySplit: number; topLeftCell: string };
    assert.deepEqual([view.state, view.ySplit, view.topLeftCell], ['frozen', 1, 'A2'], 'the header row stays in view');
    assert.deepEqual(laporan.autoFilter, 'A1:J1');
    const [id, date, shift, unit, plate, driver, status, odometer, submitted, defectCount] = rowValues(laporan, 2);
    assert.equal(id, firstReport);
    assert.ok(date instanceof Date, 'the date is an Excel date');
    assert.equal((date as Date).toISOString(), '2026-01-20T00:00:00.000Z');
    assert.deepEqual([shift, unit, plate, driver, status], [1, 'LV-01', 'KT 1234 AB', 'Budi Santoso', 'ABNORMAL']);
    assert.equal(odometer, 12345.6, 'the odometer is a number');
    assert.ok(submitted instanceof Date);
    assert.equal((submitted as Date).toISOString(), '2026-01-20T06:42:00.000Z', 'the WITA wall clock');
    assert.equal(defectCount, 2);
    assert.equal(laporan.getColumn(6).width, 26, 'widths are set');

    const detail = workbook.getWorksheet('Detail')!;
    assert.deepEqual(rowValues(detail, 1), ['ID laporan', 'Tanggal', 'Unit', 'Bagian', 'Item', 'Status', 'Keterangan']);
    assert.equal(dataRows(detail), 2 * items);
    const warned = rowValues(detail, 4);
    assert.equal(warned[5], 'WARNING');
    assert.equal(warned[6], `'${INJECTION}`, 'a formula-like remark comes back as escaped text');
    assert.equal(detail.getRow(4).getCell(7).type, ExcelJS.ValueType.String);

    const defect = workbook.getWorksheet('Defect')!;
    assert.equal(dataRows(defect), 2);
    const rows = [rowValues(defect, 2), rowValues(defect, 3)];
    const fixed = rows.find((r) => r[5] === 'ABNORMAL')!;
    assert.deepEqual([fixed[1], fixed[3], fixed[6], fixed[7], fixed[8], fixed[10]], [firstReport, 'LV-01', 'repaired', 'rem bocor', 'Joko Mekanik', 'Selang rem diganti']);
    assert.ok(fixed[9] instanceof Date, 'repaired at is a date');
    const open = rows.find((r) => r[5] === 'WARNING')!;
    assert.deepEqual([open[6], open[7], open[8] ?? null, open[9] ?? null], ['open', `'${INJECTION}`, null, null]);
  });

  it('applies the filters', async () => {
    const count = async (query: string) => dataRows((await workbookOf(query)).getWorksheet('Laporan')!);
    assert.equal(await count('date_from=2026-01-21&date_to=2026-01-21'), 1);
    assert.equal(await count(`date_from=2026-01-01&date_to=2026-01-31&vehicle_id=${firstUnit}`), 1);
    assert.equal(await count('date_from=2026-01-01&date_to=2026-01-31&status=normal'), 1);
    assert.equal(await count('date_from=2026-01-01&date_to=2026-01-31&status=warning'), 0);
    const none = await workbookOf('date_from=2025-01-01&date_to=2025-01-31');
    assert.deepEqual(none.worksheets.map((s) => [s.name, s.rowCount]), [['Laporan', 1], ['Detail', 1], ['Defect', 1]], 'an empty range still has its headers');
  });

  it('lets a viewer download; refuses a driver and a mechanic', async () => {
    const viewer = await ctx().createUser('viewer');
    assert.equal((await download(viewer.token, 'date_from=2026-01-20&date_to=2026-01-21')).statusCode, 200);
    for (const role of ['user', 'mechanic'] as const) {
      const caller = await ctx().createUser(role);
      const refused = await download(caller.token, 'date_from=2026-01-20&date_to=2026-01-21');
      assert.equal(refused.statusCode, 403, role);
      assert.equal(refused.json().success, false);
    }
    assert.equal((await download(undefined, 'date_from=2026-01-20&date_to=2026-01-21')).statusCode, 401);
  });

  it('answers a bad query with 400 in the envelope', async () => {
    const cases: [string, string][] = [
      ['date_from=2026-01-21&date_to=2026-01-20', 'querystring.date_to'],
      ['date_from=2025-01-01&date_to=2026-01-02', 'querystring.date_to'],
      ['date_from=2026-01-01&date_to=2026-01-31&status=bagus', 'querystring.status'],
      ['date_to=2026-01-31', 'querystring.date_from'],
    ];
    for (const [query, field] of cases) {
      const response = await download(admin.token, query);
      assert.equal(response.statusCode, 400, query);
      const body = response.json();
      assert.equal(body.success, false);
      assert.equal(body.payload.code, 'VALIDATION_ERROR');
      assert.ok(body.payload.details.some((d: { field: string }) => d.field.startsWith(field)), `${query}: ${JSON.stringify(body.payload.details)}`);
    }
  });

  it('continues a sheet past its row limit in the next one', async () => {
    const { services } = ctx().app;
    const output = new PassThrough();
    const bytes = buffer(output);
    await writeReportsWorkbook(output, { dateFrom: '2026-01-01', dateTo: '2026-01-31' }, {
      db: ctx().database.db,
      vehicles: services.vehicles,
      users: services.users,
      timeZone: 'Asia/Makassar',
      companyName: 'PT Tambang Uji & Co',
      pageSize: 1,
      maxRowsPerSheet: items,
    });
    const workbook = await readWorkbook(await bytes);
    assert.deepEqual(workbook.worksheets.map((s) => [s.name, dataRows(s)]), [['Laporan', 2], ['Detail', items], ['Detail 2', items], ['Defect', 2]]);
    // P2H_COMPANY_NAME heads every printed page ('&' is a code there, so doubled).
    assert.equal(workbook.getWorksheet('Detail 2')!.headerFooter.oddHeader, '&LPT Tambang Uji && Co&RDetail 2');
  });
});
