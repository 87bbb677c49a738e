/**
 * The bot's message settings in the web profile: saved, kept over a reload, refused kindly; and the
 * same preferences changed in Telegram (/settings, a button press, the real bot over the web
 * server's own database) show in the web.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BotError } from 'grammy';
import type { Page } from 'playwright-core';
import { createBot } from '../../src/telegram/bot.js';
import { DEFAULT_TOKEN, user as tgUser } from '../fake-telegram/server.js';
import { silentLog } from '../telegram/bot-harness.js';
import { assertEveryFieldLabelled, PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { login } from './support/flows.js';
import { apiGet, apiToken } from './support/offline.js';

const card = (page: Page) => page.locator('section', { has: page.getByRole('heading', { level: 2, name: /^(Pesan dari bot Telegram|Messages from the Telegram bot)$/ }) });
const topic = (page: Page, name: RegExp) => card(page).getByRole('group', { name });

async function openProfile(page: Page): Promise<void> {
  await page.goto('/profile');
  await card(page).getByRole('button', { name: 'Simpan pengaturan pesan' }).waitFor();
}

describe('web profile: the bot message settings (real server, real Chromium, real bot)', () => {
  const app = useBrowserApp();

  it('a driver turns WARNING off and sets quiet hours 22:00–05:00; a reload shows them kept', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, '081100000004');
    await openProfile(page);
    const warning = topic(page, /^P2H WARNING/);
    assert.equal(await warning.getByRole('radio', { name: 'Senyap' }).isChecked(), true, 'WARNING is silent by default');
    assert.equal(await topic(page, /^P2H ABNORMAL/).getByRole('radio', { name: 'Mati' }).count(), 0, 'ABNORMAL cannot be turned off');
    assert.equal(await topic(page, /^Ringkasan harian/).count(), 0, 'the daily summary is for admins');
    await card(page).getByText(/Bahasa halaman web ini diatur terpisah/).waitFor();
    await assertEveryFieldLabelled(page);

    await warning.getByRole('radio', { name: 'Mati' }).check();
    await card(page).getByLabel('Pakai jam tenang').check();
    // Start and end the same minute: said next to the field, nothing sent.
    await card(page).getByLabel('Mulai (WITA)').selectOption('22:00');
    await card(page).getByLabel('Selesai (WITA)').selectOption('22:00');
    await card(page).getByRole('button', { name: 'Simpan pengaturan pesan' }).click();
    await card(page).getByText('Jam mulai dan selesai harus berbeda').waitFor();
    await card(page).getByLabel('Selesai (WITA)').selectOption('05:00');

    // No signal: a clear failure, and the choices stay on screen to save again.
    await page.context().setOffline(true);
    await card(page).getByRole('button', { name: 'Simpan pengaturan pesan' }).click();
    await card(page).getByRole('alert').waitFor();
    await page.context().setOffline(false);
    await card(page).getByRole('button', { name: 'Simpan pengaturan pesan' }).click();
    await card(page).getByText('Pengaturan pesan bot tersimpan.').waitFor();
    await screenshot(page, 'profile-preferences');

    await page.reload();
    await card(page).getByRole('button', { name: 'Simpan pengaturan pesan' }).waitFor();
    assert.equal(await topic(page, /^P2H WARNING/).getByRole('radio', { name: 'Mati' }).isChecked(), true);
    assert.equal(await card(page).getByLabel('Pakai jam tenang').isChecked(), true);
    assert.equal(await card(page).getByLabel('Mulai (WITA)').inputValue(), '22:00');
    assert.equal(await card(page).getByLabel('Selesai (WITA)').inputValue(), '05:00');
    assert.equal(await card(page).getByLabel('Mulai (WITA)').locator('option:checked').textContent(), '22.00', 'written the Indonesian way');

    const token = await apiToken(app.server().url, '081100000004');
    const saved = await apiGet<Record<string, unknown>>(app.server().url, token, '/api/users/me/notification-preferences');
    assert.deepEqual(saved, { p2h_warning: 'off', p2h_abnormal: 'on', defects: 'on', expiry: 'on', daily_summary: 'on', quiet_hours_start: '22:00', quiet_hours_end: '05:00', language: 'id' });

    // The card follows the web's language; the bot's language stays what it was.
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await card(page).getByRole('heading', { name: 'Messages from the Telegram bot' }).waitFor();
    assert.equal(await topic(page, /^P2H WARNING/).getByRole('radio', { name: 'Off' }).isChecked(), true);
    assert.equal(await topic(page, /^Language of the bot/).getByRole('radio', { name: 'Bahasa Indonesia' }).isChecked(), true);
    await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
    assert.deepEqual(errors(), []);
  });

  describe('/settings in Telegram, over the same database', () => {
    let detach: (() => Promise<void>) | undefined;
    before(async () => {
      const server = app.server();
      const services = server.app.services;
      const bot = createBot({
        token: DEFAULT_TOKEN,
        apiRoot: server.telegram.apiRoot,
        linkMode: 'verified',
        links: services.telegramLinks,
        defects: services.defects,
        preferences: services.preferences,
        log: silentLog,
        now: () => server.now().getTime(),
      });
      await bot.init();
      detach = server.telegram.deliverTo((update) =>
        bot.handleUpdate(update).catch((error: unknown) => {
          if (error instanceof BotError) return bot.errorHandler(error);
          throw error;
        }),
      );
    });
    after(async () => {
      await detach?.();
    });

    it('a button press in the bot changes a preference, and the web profile then shows it', async () => {
      const server = app.server();
      const fake = server.telegram;
      const token = await apiToken(server.url, '081100000003');
      const me = await apiGet<{ id: number }>(server.url, token, '/api/users/me');
      const chat = 770_003;
      await server.app.services.telegramLinks.linkById(me.id, { chatId: String(chat), username: 'budi_p2h' }, 'contact');

      const { page, errors } = await app.open(PHONE);
      await login(page, 'budi@p2h.demo');
      await openProfile(page);
      assert.equal(await topic(page, /^P2H WARNING/).getByRole('radio', { name: 'Senyap' }).isChecked(), true);
      assert.equal(await card(page).getByLabel('Pakai jam tenang').isChecked(), false);

      const from = tgUser(chat);
      fake.sendText({ from, text: '/settings' });
      const screen = await fake.waitForMessage({ chatId: chat, text: /Pengaturan Notifikasi/ });
      assert.equal((await fake.pressButton({ from, data: 'settings:p2h_warning:on', message: screen.message })).text, 'Tersimpan ✅');
      assert.equal((await fake.pressButton({ from, data: 'settings:quiet:0', message: screen.message })).text, 'Tersimpan ✅');
      assert.equal((await fake.pressButton({ from, data: 'settings:language:en', message: screen.message })).text, 'Saved ✅');

      await page.reload();
      await card(page).getByRole('button', { name: 'Simpan pengaturan pesan' }).waitFor();
      assert.equal(await topic(page, /^P2H WARNING/).getByRole('radio', { name: 'Bunyi' }).isChecked(), true);
      assert.equal(await card(page).getByLabel('Mulai (WITA)').inputValue(), '22:00');
      assert.equal(await card(page).getByLabel('Selesai (WITA)').inputValue(), '05:00');
      // The bot now writes English; the web page stays Indonesian: two separate choices.
      assert.equal(await topic(page, /^Bahasa pesan bot/).getByRole('radio', { name: 'English' }).isChecked(), true);
      await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
      assert.deepEqual(errors(), []);
    });
  });
});
