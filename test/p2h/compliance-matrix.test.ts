import assert from 'node:assert/strict';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';

const DEFAULT_NOW = new Date('2026-01-21T06:42:00+08:00');

/** Files one slot as the admin at a local time (WITA); the first answer carries `status`. */
async function file(ctx: TestContext, admin: TestUser, vehicleId: number, at: string, slot: number, status = 'normal') {
  ctx.clock.now = new Date(`${at}+08:00`);
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  const details = items.map((item, i) => ({ checklist_item_id: item.id, status: i === 0 ? status : 'normal', ...(i === 0 && status !== 'normal' ? { keterangan: 'rusak' } : {}) }));
  const res = await ctx.request({ method: 'POST', url: '/api/p2h/reports', token: admin.token, body: { vehicle_id: vehicleId, shift_number: slot, details } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

type Cell = { date: string; status: string; worst: string | null };
const cellOf = (payload: { units: { vehicle_id: number; cells: Cell[] }[] }, vehicleId: number, date: string) =>
  payload.units.find((u) => u.vehicle_id === vehicleId)!.cells.find((c) => c.date === date)!;

describeEachDatabase('P2H monthly compliance matrix', (ctx) => {
  it('marks each unit-day complete, partial, missing, out of service or future with the worst status, and exports it to Excel', async () => {
    const admin = await ctx().createUser('admin');
    const viewer = await ctx().createUser('viewer');
    const filer = await ctx().createVehicle({ shiftType: 'shift', unitCode: 'M.101' });
    const stopped = await ctx().createVehicle({ shiftType: 'shift', unitCode: 'M.102' });
    const gone = await ctx().createVehicle({ shiftType: 'non_shift', unitCode: 'M.103' });
    try {
      for (const slot of [1, 2, 3]) await file(ctx(), admin, filer, '2026-02-02T10:00:00', slot);
      await file(ctx(), admin, filer, '2026-02-03T10:00:00', 1, 'warning');
      // An ABNORMAL answer stops the unit until the defect is resolved.
      await file(ctx(), admin, stopped, '2026-02-05T07:00:00', 1, 'abnormal');
      ctx().clock.now = new Date('2026-02-10T09:00:00+08:00');

      const res = await ctx().request({ method: 'GET', url: '/api/p2h/compliance/matrix?month=2026-02', token: viewer.token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const matrix = res.body.payload;
      assert.equal(matrix.month, '2026-02');
      assert.equal(matrix.days.length, 28);
      assert.deepEqual(cellOf(matrix, filer, '2026-02-02'), { date: '2026-02-02', status: 'complete', worst: 'normal' });
      assert.deepEqual(cellOf(matrix, filer, '2026-02-03'), { date: '2026-02-03', status: 'partial', worst: 'warning' });
      assert.deepEqual(cellOf(matrix, filer, '2026-02-04'), { date: '2026-02-04', status: 'missing', worst: null });
      assert.equal(cellOf(matrix, filer, '2026-02-10').status, 'missing', 'today, nothing filed yet');
      assert.equal(cellOf(matrix, filer, '2026-02-11').status, 'future');
      assert.deepEqual(cellOf(matrix, stopped, '2026-02-05'), { date: '2026-02-05', status: 'out_of_service', worst: 'abnormal' });
      assert.equal(cellOf(matrix, stopped, '2026-02-09').status, 'out_of_service', 'still stopped: no P2H expected');
      assert.equal(cellOf(matrix, stopped, '2026-02-04').status, 'missing', 'before the stop');
      assert.equal(cellOf(matrix, gone, '2026-02-01').status, 'missing', 'a non-shift unit');

      const xlsx = await ctx().app.http.inject({ method: 'GET', url: '/api/p2h/compliance/matrix.xlsx?month=2026-02', headers: { authorization: `Bearer ${admin.token}` } });
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-disposition']), /kepatuhan-p2h-2026-02\.xlsx/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Kepatuhan 2026-02')!;
      assert.ok(sheet, 'the sheet is named after the month');
      assert.equal(sheet.getCell(1, 1).value, 'Unit');
      assert.equal(sheet.getCell(1, 2).value, 1);
      assert.equal(sheet.getCell(1, 29).value, 28);
      let filerRow = 0;
      sheet.eachRow((row, number) => {
        if (row.getCell(1).value === 'M.101') filerRow = number;
      });
      assert.ok(filerRow > 1, 'the unit has a row');
      const complete = sheet.getCell(filerRow, 3); // 2 February
      assert.equal(complete.value, 'L');
      assert.equal((complete.fill as ExcelJS.FillPattern).fgColor?.argb, 'FFC6EFCE');
      assert.equal(sheet.getCell(filerRow, 4).value, 'S*', 'partial, a WARNING that day');
      assert.equal(sheet.getCell(filerRow, 5).value, 'B');
      assert.equal(sheet.getCell(filerRow, 13).value, '–', 'the future');
      assert.equal(sheet.views[0]?.state, 'frozen');
    } finally {
      ctx().clock.now = DEFAULT_NOW;
    }
  });

  it('refuses a month that is not one, or too far ahead, with a clear 400; a driver gets 403', async () => {
    const admin = await ctx().createUser('admin');
    const driver = await ctx().createUser('user');
    for (const month of ['2026-13', 'abc', '2026-1', '2027-06']) {
      const res = await ctx().request({ method: 'GET', url: `/api/p2h/compliance/matrix?month=${month}`, token: admin.token });
      assert.equal(res.status, 400, `${month}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.success, false);
      assert.equal(res.body.payload.code, 'VALIDATION_ERROR');
      assert.match(res.body.message, /Bulan tidak valid/);
    }
    const refused = await ctx().request({ method: 'GET', url: '/api/p2h/compliance/matrix?month=2026-01', token: driver.token });
    assert.equal(refused.status, 403);
    const xlsxRefused = await ctx().request({ method: 'GET', url: '/api/p2h/compliance/matrix.xlsx?month=2026-01', token: driver.token });
    assert.equal(xlsxRefused.status, 403);
    const current = await ctx().request({ method: 'GET', url: '/api/p2h/compliance/matrix', token: admin.token });
    assert.equal(current.body.payload.month, '2026-01', 'without a month, the current one');
  });
});
