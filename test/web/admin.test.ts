import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertEveryFieldLabelled, DESKTOP, PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { login } from './support/flows.js';

// Browser globals used inside page.evaluate (the root tsconfig has no DOM library, on purpose).
declare const document: any;

const ADMIN = '081100000002';
const VIEWER = '081100000005';

async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The admin pages that have a screenshot, each with something that says it has loaded. */
async function shootAdminPages(page: Page, suffix = '') {
  await page.goto('/admin');
  await heading(page, 'Konsol admin');
  await page.locator('.admin-panel .compliance-row').first().waitFor();
  await page.locator('.adoption-pct').waitFor();
  await page.locator('.count-number').first().waitFor();
  await screenshot(page, `admin-dashboard${suffix}`);

  await page.goto('/admin/units');
  await page.locator('.unit-row').first().waitFor();
  await screenshot(page, `admin-units${suffix}`);
  await page.goto('/admin/units/new');
  await page.getByLabel('Tipe kendaraan').locator('option').nth(1).waitFor({ state: 'attached' });
  await screenshot(page, `admin-unit-form${suffix}`);

  await page.goto('/admin/users');
  await page.locator('.user-row').first().waitFor();
  await screenshot(page, `admin-users${suffix}`);
  await page.goto('/admin/checklist');
  await page.locator('.checklist-row').first().waitFor();
  await screenshot(page, `admin-checklist${suffix}`);
  await page.goto('/admin/reports');
  await page.locator('.report-row').first().waitFor();
  await screenshot(page, `admin-reports${suffix}`);
  await page.goto('/admin/notifications');
  await page.locator('.notif-row').first().waitFor();
  await screenshot(page, `admin-notifications${suffix}`);
}

describe('web app, admin console (real server, real Chromium)', () => {
  const app = useBrowserApp();

  it('admin (desktop): dashboard, creates a unit and a user, reports with delivery state, notification resend', async () => {
    const { page, errors } = await app.open(DESKTOP);
    await login(page, ADMIN);
    await page.waitForURL('**/admin');
    await heading(page, 'Konsol admin');
    const menu = page.getByRole('navigation', { name: 'Menu admin' });
    for (const name of ['Unit', 'User', 'Checklist', 'Laporan', 'Notifikasi', 'Log audit']) assert.equal(await menu.getByRole('link', { name, exact: true }).count(), 1, name);

    // Units: the form shows the server's field errors, then creates the unit; it is in the list.
    await menu.getByRole('link', { name: 'Unit', exact: true }).click();
    await heading(page, 'Kelola unit');
    await page.getByRole('link', { name: 'Tambah unit' }).click();
    await heading(page, 'Tambah unit');
    await page.getByLabel('Tipe kendaraan').locator('option').nth(1).waitFor({ state: 'attached' });
    assert.ok((await assertEveryFieldLabelled(page)) >= 9);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.locator('.field-invalid', { has: page.getByLabel('Nomor lambung') }).locator('.field-error').waitFor();
    await page.getByLabel('Nomor lambung').fill('T.777');
    await page.getByLabel('Nomor polisi').fill('KT 7777 ZZ');
    const types = page.getByLabel('Tipe kendaraan');
    await types.selectOption({ index: 1 });
    await page.getByLabel('Jenis shift').selectOption('long_shift');
    await page.getByLabel(/^STNK berlaku sampai/).fill('2020-01-31');
    await page.locator('.expiry-expired', { hasText: 'KEDALUWARSA' }).waitFor();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/admin/units');
    await page.getByText('Unit T.777 ditambahkan.').waitFor();
    await page.getByLabel('Cari').fill('t777');
    const row = page.locator('.unit-row', { hasText: 'T.777' });
    await row.waitFor();
    await row.locator('.expiry-expired').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.unit-row').length === 1);
    // Edit: the form comes filled in; the change is saved.
    await row.getByRole('link', { name: 'Ubah T.777' }).click();
    await heading(page, 'Ubah unit T.777');
    assert.equal(await page.getByLabel('Nomor polisi').inputValue(), 'KT 7777 ZZ');
    assert.equal(await page.getByLabel('Jenis shift').inputValue(), 'long_shift');
    await page.getByLabel(/^Merek/).fill('Toyota Uji');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/admin/units');
    await page.getByText('Tersimpan.').waitFor();
    await page.getByLabel('Cari').fill('t777');
    await page.locator('.unit-row', { hasText: 'Toyota Uji' }).waitFor();

    // The edit is in the unit's own history and in the audit log, who and before → after.
    await page.locator('.unit-row', { hasText: 'Toyota Uji' }).getByRole('link', { name: 'Ubah T.777' }).click();
    await heading(page, 'Ubah unit T.777');
    const history = page.locator('.entity-history');
    await history.getByRole('heading', { name: 'Riwayat perubahan' }).waitFor();
    const edit = history.locator('.audit-row[data-action="update"][data-entity="vehicle"]');
    await edit.locator('.audit-diff-line', { hasText: 'Merek' }).filter({ hasText: 'Toyota Uji' }).waitFor();
    assert.match(await edit.locator('.admin-row-meta').first().innerText(), /WITA/);
    await history.locator('.audit-row[data-action="create"][data-entity="document"]', { hasText: 'STNK' }).waitFor();
    await menu.getByRole('link', { name: 'Log audit', exact: true }).click();
    await heading(page, 'Log audit');
    await assertEveryFieldLabelled(page);
    await page.getByLabel('Data', { exact: true }).selectOption('vehicle');
    await page.getByLabel('Tindakan').selectOption('update');
    const logged = page.locator('.audit-row', { hasText: 'Toyota Uji' }).first();
    await logged.waitFor();
    await logged.getByRole('link', { name: /^Unit #\d+$/ }).click();
    await heading(page, 'Ubah unit T.777');

    // Users: create one, find it.
    await menu.getByRole('link', { name: 'User', exact: true }).click();
    await heading(page, 'Kelola user');
    await page.getByText(/Pemakaian Telegram: \d+%/).waitFor();
    await page.getByRole('link', { name: 'Tambah user' }).click();
    await heading(page, 'Tambah user');
    assert.ok((await assertEveryFieldLabelled(page)) >= 5);
    await page.getByLabel('Nama lengkap').fill('Sopir Uji Admin');
    await page.getByLabel('Nomor HP').fill('0812 7777 0001');
    await page.getByLabel(/^Email/).fill('sopir.uji@p2h.demo');
    await page.getByLabel('Peran').selectOption('user');
    await page.getByLabel('Password', { exact: true }).fill('rahasia123');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/admin/users');
    await page.getByText('User Sopir Uji Admin ditambahkan.').waitFor();
    await page.getByLabel('Cari').fill('Sopir Uji');
    const userRow = page.locator('.user-row', { hasText: 'Sopir Uji Admin' });
    await userRow.waitFor();
    // Deactivate asks once more on the button itself.
    await userRow.getByRole('button', { name: 'Nonaktifkan' }).click();
    await userRow.getByRole('button', { name: /Klik sekali lagi/ }).click();
    await page.getByText('User Sopir Uji Admin dinonaktifkan.').waitFor();
    await page.getByLabel('Tampilkan yang nonaktif').check();
    await page.locator('.user-row.admin-row-inactive', { hasText: 'Sopir Uji Admin' }).waitFor();

    // Checklist page lists items with their actions.
    await menu.getByRole('link', { name: 'Checklist', exact: true }).click();
    await heading(page, 'Kelola checklist');
    await page.locator('.checklist-row').first().waitFor();
    await assertEveryFieldLabelled(page);

    // Reports: the demo's WARNING/ABNORMAL reports carry notifications; the detail shows their delivery.
    await menu.getByRole('link', { name: 'Laporan', exact: true }).click();
    await heading(page, 'Laporan P2H');
    await assertEveryFieldLabelled(page);
    await page.getByLabel('Saring status').selectOption('abnormal');
    const report = page.locator('.report-row-abnormal').first();
    await report.waitFor();
    await report.locator('.notif-badge').first().waitFor();
    await report.click();
    await page.waitForURL(/\/admin\/reports\/\d+$/);
    await page.getByRole('heading', { level: 2, name: 'Notifikasi Telegram' }).waitFor();
    await page.locator('.delivery').first().waitFor();
    await page.locator('.answer-row').first().waitFor();

    // Notification log: a skipped one is queued again.
    await menu.getByRole('link', { name: 'Notifikasi', exact: true }).click();
    await heading(page, 'Log notifikasi');
    await assertEveryFieldLabelled(page);
    await page.getByLabel('Status').selectOption('skipped');
    const skipped = page.locator('.notif-row-skipped').first();
    await skipped.waitFor();
    const id = await skipped.getAttribute('data-id');
    const queuedBefore = await skipped.getAttribute('data-queued');
    assert.ok(id && queuedBefore);
    await page.waitForTimeout(20); // so the new queue time differs by the millisecond at least
    await skipped.getByRole('button', { name: `Kirim ulang #${id}` }).click();
    await page.getByText(new RegExp(`Notifikasi #${id} dijadwalkan ulang`)).waitFor();
    await page.getByLabel('Status').selectOption('');
    const resent = page.locator(`.notif-row[data-id="${id}"]`);
    await resent.waitFor();
    // Queued again: a new queue time (the worker may already have skipped it again: no recipient in the demo).
    const queuedAfter = await resent.getAttribute('data-queued');
    assert.ok(queuedAfter && Date.parse(queuedAfter) > Date.parse(queuedBefore), `not re-queued: ${queuedBefore} → ${queuedAfter}`);

    await shootAdminPages(page);
    assert.deepEqual(errors(), []);
  });

  it('admin pages on a phone (360 px): no sideways scrolling; viewer gets "no access"', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, ADMIN);
    await shootAdminPages(page);
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/login');

    await login(page, VIEWER);
    for (const path of ['/admin/units', '/admin/units/new', '/admin/notifications', '/admin/audit-log']) {
      await page.goto(path);
      await heading(page, 'Tidak ada akses');
    }
    assert.equal(await page.getByRole('navigation', { name: 'Menu admin' }).count(), 0);
    assert.deepEqual(errors(), []);
  });
});
