import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DESKTOP } from '../web/support/browser.js';
import { useBrowserApp } from '../web/support/fixture.js';
import { login } from '../web/support/flows.js';

const ADMIN = '081100000002';

describe('web app: the reports list downloads its Excel (real server, real Chromium)', () => {
  const app = useBrowserApp();

  it('admin: Unduh Excel on the reports list saves the workbook of the filtered range', async () => {
    const { page, errors } = await app.open(DESKTOP);
    await login(page, ADMIN);
    await page.waitForURL('**/admin');
    await page.goto('/admin/reports?from=2020-01-01&to=2020-01-31');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh Excel' }).click()]);
    assert.equal(download.suggestedFilename(), 'p2h-laporan-2020-01-01_2020-01-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['Laporan', 'Detail', 'Defect']);
    assert.equal(workbook.getWorksheet('Laporan')!.getRow(1).getCell(1).value, 'ID laporan');

    // A range the server refuses (over a year) says why, in the page's language.
    await page.goto('/admin/reports?from=2020-01-01&to=2022-01-31');
    await page.getByRole('button', { name: 'Unduh Excel' }).click();
    await page.getByRole('alert').filter({ hasText: 'rentang paling panjang 366 hari' }).waitFor();
    assert.deepEqual(errors().filter((e) => !/status of 400/.test(e)), []);
  });
});
