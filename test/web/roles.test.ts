import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DESKTOP, PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { finishChecklist, login } from './support/flows.js';

// Browser globals used inside page.evaluate (the root tsconfig has no DOM library, on purpose).
declare const document: any, window: any, localStorage: any;

describe('web app, viewer, language, keyboard and desktop (real server, real Chromium)', () => {
  const app = useBrowserApp();

  it('viewer: sees the monitor, and admin and driver pages say "no access"', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, '081100000005');
    await page.waitForURL('**/monitor');
    await page.getByRole('heading', { level: 1, name: 'Monitor P2H hari ini' }).waitFor();
    await page.locator('.compliance-row', { hasText: 'P.309' }).waitFor();
    await page.locator('.report-row').first().waitFor();
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    assert.equal(await nav.getByRole('link', { name: 'Cek Unit' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Admin' }).count(), 0);
    await screenshot(page, 'monitor');

    for (const path of ['/admin', '/admin/users', '/units']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Tidak ada akses' }).waitFor();
    }
    await page.getByRole('link', { name: 'Ke halaman utama' }).click();
    await page.waitForURL('**/monitor');
    assert.deepEqual(errors(), []);
  });

  it('language switch and keyboard: English login by keyboard only, API errors translated, back to Indonesian', async () => {
    const { page, errors } = await app.open(PHONE);
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByText('Phone number or email').waitFor();

    // Keyboard only: Tab to the username field, type, Tab to the password, Enter submits.
    const focusedName = () => page.evaluate(() => (document.activeElement as { name?: string } | null)?.name ?? '');
    for (let i = 0; i < 10 && (await focusedName()) !== 'username'; i += 1) await page.keyboard.press('Tab');
    assert.equal(await focusedName(), 'username', 'Tab reaches the username field');
    await page.keyboard.type('081100000004');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(), 'password');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Wrong phone number/email or password.').waitFor(); // the server said it in Indonesian
    await page.getByLabel('Password', { exact: true }).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('demo12345');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/units');
    await page.getByRole('heading', { level: 1, name: 'Check a unit' }).waitFor();

    await page.reload(); // the choice is remembered
    await page.getByRole('heading', { level: 1, name: 'Check a unit' }).waitFor();
    await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cek unit' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'id');
    assert.deepEqual(errors(), []);
  });

  it('desktop: the main pages at 1280×800 (a WARNING answered by keyboard; admin home)', async () => {
    const { page, errors } = await app.open(DESKTOP);
    await page.goto('/login');
    await screenshot(page, 'login');
    await login(page, 'budi@p2h.demo');
    await page.goto('/units?q=KT%208810');
    const card = page.locator('.unit-card', { has: page.getByRole('heading', { name: 'P.310' }) });
    await card.waitFor();
    await screenshot(page, 'unit-search');

    await card.getByRole('link', { name: 'Isi P2H Shift 2' }).click();
    await page.getByRole('heading', { level: 2, name: 'OLI & RADIATOR' }).waitFor();
    // Keyboard: the three choices are a radio group; arrows move between them.
    const second = page.locator('fieldset.check-item').nth(1);
    await second.getByRole('radio', { name: 'Normal', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await second.getByRole('radio', { name: 'Warning', exact: true }).isChecked(), true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Air radiator kurang');
    await page.getByRole('button', { name: 'Sisanya Normal semua' }).click();
    await screenshot(page, 'checklist');
    await finishChecklist(page);
    await page.getByRole('button', { name: 'Kirim P2H' }).click();
    await page.getByText('WARNING — PERLU PERBAIKAN').waitFor();
    await screenshot(page, 'result');

    await page.goto('/history');
    await page.locator('.report-row').first().getByText('WARNING').waitFor();
    await screenshot(page, 'history');
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Hubungkan Telegram' }).waitFor();
    await screenshot(page, 'profile');
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/login');

    await login(page, '081100000005');
    await page.locator('.compliance-row').first().waitFor();
    await page.locator('.report-row').first().waitFor();
    await screenshot(page, 'monitor');
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Keluar' }).click();

    await login(page, '081100000002');
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { level: 1, name: 'Konsol admin' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /dokumentasi API/ }).getAttribute('href'), '/docs');
    await screenshot(page, 'admin-home');
    assert.deepEqual(errors(), []);
  });
});
