/**
 * Records for audits in the browser (issue 14): the coordinator downloads the reports' Excel and the
 * month's matrix and imports units through the preview, and a viewer a report's PDF. One server and
 * one Chromium for all of them (each start costs seconds of the suite's CPU).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DESKTOP, PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { DEMO_PASSWORD, login } from './support/flows.js';

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

  it('admin: imports units from the template through the preview, confirms, and finds them in the list', async () => {
    const { page, errors } = await app.open(DESKTOP);
    await login(page, ADMIN);
    await page.goto('/admin/import');
    await page.getByRole('heading', { level: 1, name: 'Impor data' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh template' }).click()]);
    assert.equal(download.suggestedFilename(), 'p2h-template-unit.xlsx');

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-web-import-'));
    try {
      const fill = async (name: string, rows: (string | null)[][]) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile((await download.path())!);
        rows.forEach((row, index) => row.forEach((value, column) => (workbook.worksheets[0]!.getCell(index + 2, column + 1).value = value)));
        const file = path.join(folder, name);
        await workbook.xlsx.writeFile(file);
        return file;
      };
      const good = [
        ['WEB.01', 'KT 7001 WA', 'Bus', 'shift', 'Hino', '2027-05-01', null, null],
        ['WEB.02', 'KT 7002 WB', 'Light Vehicle', 'non_shift', null, null, '31/12/2026', null],
      ];
      // A wrong row first: the preview names its row and column, and nothing can be imported.
      await page.getByLabel('Berkas (.xlsx atau .csv)').setInputFiles(await fill('salah.xlsx', [...good, ['WEB.03', 'KT 7003 WC', 'Kereta', 'shift', null, '2026-02-30', null, null]]));
      await page.getByRole('button', { name: 'Periksa' }).click();
      const errorRow = page.locator('.import-errors tbody tr', { hasText: 'vehicle_type' });
      await errorRow.waitFor();
      assert.equal(await errorRow.locator('td').first().textContent(), '4');
      await page.locator('.import-errors tbody tr', { hasText: 'stnk_expiry' }).waitFor();
      assert.ok(await page.getByRole('button', { name: /^Impor \d+ baris$/ }).isDisabled());

      await page.getByLabel('Berkas (.xlsx atau .csv)').setInputFiles(await fill('benar.xlsx', good));
      await page.getByRole('button', { name: 'Periksa' }).click();
      await page.locator('.import-items tbody tr', { hasText: 'WEB.02' }).getByText('Dibuat').waitFor();
      await screenshot(page, 'import-preview');
      await page.getByRole('button', { name: 'Impor 2 baris' }).click();
      await page.getByText('Impor selesai: 2 baru, 0 diperbarui, 0 tidak berubah.').waitFor();
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }

    await page.goto('/admin/units');
    await page.getByText('WEB.01').waitFor();
    await page.getByText('WEB.02').waitFor();
    assert.deepEqual(errors(), []);
  });

  it('driver imported without a password: sent to the change-password form first, then into the app', async () => {
    // The sheet goes in through the API, as the page sends it.
    const base = app.server().url;
    const signedIn = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ADMIN, password: DEMO_PASSWORD }) });
    const token = ((await signedIn.json()) as { payload: { access_token: string } }).payload.access_token;
    const form = new FormData();
    form.append('file', new Blob(['full_name;phone_number;role\r\nDriver Impor;081399990001;user\r\n']), 'drivers.csv');
    const response = await fetch(`${base}/api/imports/users`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    assert.equal(response.status, 200);
    const imported = ((await response.json()) as { payload: { temporary_passwords: { password: string }[] } }).payload;
    const temporary = imported.temporary_passwords[0]!.password;

    const { page, errors } = await app.open(PHONE);
    await login(page, '081399990001', temporary);
    await page.waitForURL('**/profile/password');
    await page.getByText('Anda memakai password sementara').waitFor();
    // Anywhere else leads back here until the password is changed.
    await page.goto('/units');
    await page.waitForURL('**/profile/password');
    await page.getByLabel('Password lama').fill(temporary);
    await page.getByLabel('Password baru', { exact: true }).fill('pilihan-sendiri-1');
    await page.getByLabel('Ulangi password baru').fill('pilihan-sendiri-1');
    await page.getByRole('button', { name: 'Simpan password' }).click();
    await page.waitForURL('**/units');
    assert.deepEqual(errors(), []);
  });
});
