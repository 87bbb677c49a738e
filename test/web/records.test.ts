/**
 * Records for audits in the browser (issue 14): the coordinator downloads the reports' Excel and the
 * month's matrix, and a viewer a report's PDF. One server and one Chromium for all three (each start
 * costs seconds of the suite's CPU).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DESKTOP, PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { login } from './support/flows.js';

const ADMIN = '081100000002';
const VIEWER = '081100000005';

describe('web app, records: Excel, compliance matrix and PDF (real server, real Chromium)', () => {
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

  it('admin: opens the month matrix on a phone, reads the legend and a cell, downloads the Excel', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, ADMIN);
    await page.goto('/admin/compliance-matrix');
    await page.getByRole('heading', { level: 1, name: 'Matriks Kepatuhan' }).waitFor();
    await page.getByRole('region', { name: 'Keterangan' }).getByText('Lengkap: semua slot diisi').waitFor();
    const row = page.locator('.cm-grid tbody tr', { hasText: 'P.309' });
    await row.waitFor();
    const letter = (await row.locator('td.cm-cell').first().textContent())?.trim() ?? '';
    assert.match(letter, /^[LSBX–][*!]?$/, `a cell carries its letter (${letter})`);
    // Only the grid scrolls sideways: the page itself stays as wide as the phone.
    const pageWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(pageWidth <= PHONE.width, `the page is ${pageWidth} px wide`);
    await screenshot(page, 'compliance-matrix');

    const month = await page.getByLabel('Bulan', { exact: true }).inputValue();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh Excel' }).click()]);
    assert.equal(download.suggestedFilename(), `kepatuhan-p2h-${month}.xlsx`);
    assert.deepEqual(errors(), []);
  });

  it('viewer: opens a report from the monitor and downloads its PDF', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, VIEWER);
    await page.waitForURL('**/monitor');
    await page.locator('.report-row').first().click();
    await page.waitForURL('**/reports/*');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh PDF' }).click()]);
    assert.match(download.suggestedFilename(), /^p2h-.+-\d{4}-\d{2}-\d{2}-shift\d\.pdf$/);
    assert.equal(fs.readFileSync((await download.path())!).subarray(0, 5).toString('latin1'), '%PDF-');
    await screenshot(page, 'report-pdf');
    assert.deepEqual(errors(), []);
  });
});
