import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertEveryFieldLabelled, PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { finishChecklist, login } from './support/flows.js';
import { BOT_USERNAME } from './support/server.js';

// Browser globals used inside page.evaluate (the root tsconfig has no DOM library, on purpose).
declare const document: any, window: any, localStorage: any;

describe('web app, driver on a phone (real server, real Chromium)', () => {
  const app = useBrowserApp();

  it('driver: logs in, finds p309, fills the checklist (one ABNORMAL), keeps answers over a reload, submits, sees STOP OPERASI, history, Telegram, logout', async () => {
    const { page, errors } = await app.open(PHONE);
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await assertEveryFieldLabelled(page);
    await screenshot(page, 'login');

    await login(page, '0811-0000-0003');
    await page.waitForURL('**/units');
    await page.getByRole('heading', { level: 1, name: 'Cek unit' }).waitFor();

    await page.getByLabel('Nomor lambung atau plat').fill('p309');
    const card = page.locator('.unit-card', { has: page.getByRole('heading', { name: 'P.309' }) });
    await card.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.unit-card').length === 1);
    await card.getByText('Shift 1 sudah diisi').waitFor(); // the demo's report of today
    await card.getByText('Hari ini: 1 dari 3 selesai').waitFor();
    await assertEveryFieldLabelled(page);
    await screenshot(page, 'unit-search');

    await card.getByRole('link', { name: 'Isi P2H Shift 2' }).click();
    await page.waitForURL(/\/units\/\d+\/check\/2$/);
    await page.getByRole('heading', { level: 2, name: 'OLI & RADIATOR' }).waitFor();
    const first = page.locator('fieldset.check-item').first();
    await first.getByRole('radio', { name: 'Abnormal', exact: true }).check();
    await first.getByLabel(/Keterangan \(wajib\)/).fill('Oli bocor <parah> & menetes');
    await page.getByRole('button', { name: 'Sisanya Normal semua' }).click();
    await page.getByText('4 dari 39 item terisi').waitFor();
    await assertEveryFieldLabelled(page);
    await screenshot(page, 'checklist');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('heading', { level: 2, name: 'REM' }).waitFor();
    await page.getByRole('button', { name: 'Sisanya Normal semua' }).click();

    // The phone reloads mid-form (or the browser is killed): nothing is lost.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'REM' }).waitFor();
    await page.getByText('6 dari 39 item terisi').waitFor();
    await page.getByText(/Isian sebelumnya dipulihkan/).waitFor();
    await page.getByRole('button', { name: /OLI & RADIATOR/ }).click();
    const restored = page.locator('fieldset.check-item').first();
    assert.equal(await restored.getByRole('radio', { name: 'Abnormal', exact: true }).isChecked(), true);
    assert.equal(await restored.getByLabel(/Keterangan \(wajib\)/).inputValue(), 'Oli bocor <parah> & menetes');
    await page.getByRole('button', { name: /^REM/ }).click();

    await finishChecklist(page);
    await page.getByText('39 dari 39 item terisi').waitFor();
    await page.locator('.expected').getByText('ABNORMAL').waitFor();
    await page.getByLabel(/Odometer/).fill('12345');
    await screenshot(page, 'checklist-review');
    await page.getByRole('button', { name: 'Kirim P2H' }).click();

    await page.waitForURL(/\/reports\/\d+\/result$/);
    const reportId = /\/reports\/(\d+)\/result/.exec(page.url())![1];
    await page.getByText('ABNORMAL — STOP OPERASI').waitFor();
    await page.getByText('Unit TIDAK BOLEH dioperasikan.').waitFor();
    await page.getByText(/Jangan jalankan unit/).waitFor();
    await page.getByText('Oli bocor <parah> & menetes').first().waitFor();
    await screenshot(page, 'result');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k: string) => k.startsWith('p2h.draft')).length), 0, 'the draft is gone once submitted');

    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Riwayat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Riwayat P2H saya' }).waitFor();
    const newest = page.locator('.report-row').first();
    await newest.getByText('P.309').waitFor();
    await newest.getByText('ABNORMAL').waitFor();
    await assertEveryFieldLabelled(page);
    await screenshot(page, 'history');

    // The session survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Riwayat P2H saya' }).waitFor();
    await page.locator('.report-row').first().getByText('ABNORMAL').waitFor();
    await newest.click();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.getByText('OLI MESIN: Volume oli normal & tidak bocor?').waitFor();

    // Telegram: a one-time link, opened and as a QR code; linked "from another phone"; unlinked.
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Profil' }).click();
    await page.getByText('Belum terhubung').waitFor();
    await page.getByRole('button', { name: 'Hubungkan Telegram' }).click();
    await page.getByRole('img', { name: 'Kode QR link Telegram sekali pakai' }).waitFor();
    const opened = await page.evaluate(() => window.__opened as string[]);
    assert.equal(opened.length, 1);
    assert.match(opened[0]!, new RegExp(`^https://t\\.me/${BOT_USERNAME}\\?start=[A-Za-z0-9_-]{16,64}$`));
    assert.equal(await page.getByRole('link', { name: 'Buka Telegram' }).getAttribute('href'), opened[0]);
    await screenshot(page, 'profile');
    const links = app.server().app.services.telegramLinks;
    const userId = await links.redeemToken(new URL(opened[0]!).searchParams.get('start')!);
    assert.ok(userId, 'the token from the page is a real one');
    await links.linkById(userId, { chatId: '880001', username: 'budi_p2h' }, 'token');
    await page.getByText('Telegram berhasil terhubung.').waitFor({ timeout: 30_000 });
    await page.getByText('@budi_p2h').waitFor();
    await page.getByRole('button', { name: 'Putuskan Telegram' }).click();
    await page.getByRole('button', { name: 'Ya, putuskan' }).click();
    await page.getByText('Telegram sudah diputuskan.').waitFor();

    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('p2h.session')).token as string);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/login');
    await page.getByText('Anda sudah keluar.').waitFor();
    await waitUntilRevoked(app.server().url, token);
    await page.goto('/history');
    await page.waitForURL('**/login?next=%2Fhistory');

    // The alert about this report is in the admin's notification log.
    await login(page, '081100000002');
    await page.goto('/admin/notifications');
    await page.locator(`a[href="/admin/reports/${reportId}"]`).first().waitFor();
    assert.deepEqual(errors(), []);
  });

  it('states: empty search, a slot already done (the 409 explained), offline banner, error with retry, expired session', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, '081100000004');
    await page.waitForURL('**/units');
    await page.getByLabel('Nomor lambung atau plat').fill('zzz999');
    await page.getByText('Tidak ada unit yang cocok dengan “zzz999”.').waitFor();

    await page.context().setOffline(true);
    await page.getByText(/Anda sedang offline/).waitFor();
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Riwayat' }).click();
    const failure = page.getByRole('alert');
    await failure.getByText('Tidak ada koneksi internet. Coba lagi saat ada sinyal.').waitFor();
    await screenshot(page, 'offline-error');
    await page.context().setOffline(false);
    await failure.getByRole('button', { name: 'Coba lagi' }).click();
    await page.locator('.report-row').first().waitFor();
    assert.equal(await page.getByText(/Anda sedang offline/).count(), 0);

    // A slot already done today: said up front, and the server's 409 is explained if sent anyway.
    await page.goto('/units/1/check/1');
    await page.getByText('P2H Shift 1 unit ini sudah diisi hari ini. Kiriman baru akan ditolak.').waitFor();
    await finishChecklist(page);
    await page.getByRole('button', { name: 'Kirim P2H' }).click();
    await page.getByText('P2H unit ini untuk shift tersebut hari ini sudah dikirim. Pilih shift lain.').waitFor();
    await page.locator('.notice-danger').getByRole('link', { name: 'Pilih unit atau shift lain' }).waitFor();
    await page.goto('/history');

    // A token the server no longer accepts (expired, or revoked by a password change elsewhere).
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('p2h.session'));
      session.token = 'not-a-valid-token';
      localStorage.setItem('p2h.session', JSON.stringify(session));
    });
    await page.reload();
    await page.waitForURL(/\/login\?next=%2Fhistory$/);
    await page.getByText('Sesi Anda sudah berakhir. Silakan masuk lagi.').waitFor();
    await page.getByLabel('Nomor HP atau email').fill('081100000004');
    await page.getByLabel(/^Password$/).fill('demo12345');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL('**/history'); // back where the session ended
    assert.deepEqual(errors(), []);
  });

  it('change password: a wrong current password is said so (and keeps the session); the new one works', async () => {
    await app.server().app.services.users.create(
      { id: 0, role: 'superadmin', fullName: 'test' },
      { full_name: 'Sopir Baru', phone_number: '081100000099', email: null, role: 'user', password: 'lama-12345' },
    );
    const { page, errors } = await app.open(PHONE);
    await login(page, '081100000099', 'lama-12345');
    await page.goto('/profile');
    await page.getByRole('link', { name: 'Ganti password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ganti password' }).waitFor();
    await assertEveryFieldLabelled(page);
    await page.getByLabel('Password lama').fill('salah-sekali');
    await page.getByLabel('Password baru', { exact: true }).fill('baru-12345');
    await page.getByLabel('Ulangi password baru').fill('baru-12345');
    await page.getByRole('button', { name: 'Simpan password' }).click();
    await page.getByText('Password lama salah.').waitFor();
    await page.getByLabel('Password lama').fill('lama-12345');
    await page.getByRole('button', { name: 'Simpan password' }).click();
    await page.getByText(/Password berhasil diganti/).waitFor();
    await page.reload(); // the new token replaced the old one
    await page.getByRole('heading', { level: 1, name: 'Ganti password' }).waitFor();
    await page.goto('/profile');
    await page.context().setOffline(true); // logging out without signal still ends the session on this phone
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByText('Anda sudah keluar.').waitFor();
    await page.context().setOffline(false);
    await login(page, '081100000099', 'baru-12345');
    await page.waitForURL('**/units');
    assert.deepEqual(errors(), []);
  });
});

/** Logout's server call runs beside the page change: the old token stops working right after. */
async function waitUntilRevoked(baseURL: string, token: string) {
  const deadline = Date.now() + 5_000;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await fetch(new URL('/api/users/me', baseURL), { headers: { authorization: `Bearer ${token}` } })).status;
    if (status === 401) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the token still works after logout (GET /api/users/me answered ${status})`);
}
