import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import type { Role } from '../../src/users/schema.js';
import { DEFAULT_TOKEN, startFakeTelegram } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { useBot } from './bot-harness.js';

const INTERNAL = 'internal-secret-for-tests';
const link = (phone: string, chatId: string, token: string | null = INTERNAL, username = 'tg_user') => ({
  method: 'POST' as const,
  url: '/api/users/telegram/link',
  body: { phone_number: phone, telegram_chat_id: chatId, telegram_username: username },
  ...(token !== null ? { headers: { 'x-internal-token': token } } : {}),
});

describeEachDatabase(
  'Telegram link API',
  (ctx) => {
    it('the internal endpoint links by phone in any form; 401 bad token; 404 unknown phone; 409 chat of another user', async () => {
      const budi = await ctx().createUser('user', { phone: '081355500001' });
      const siti = await ctx().createUser('user', { phone: '081355500002' });
      assert.equal((await ctx().request(link('081355500001', '5550001', null))).status, 401);
      assert.equal((await ctx().request(link('081355500001', '5550001', 'wrong'))).status, 401);
      const ok = await ctx().request(link('+62 813-5550-0001', '5550001'));
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.payload.id, budi.id);
      assert.equal(ok.body.payload.telegram_chat_id, '5550001');
      const unknown = await ctx().request(link('081355509999', '5550009'));
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.payload.code, 'PHONE_NOT_FOUND');
      const taken = await ctx().request(link('081355500002', '5550001'));
      assert.equal(taken.status, 409);
      assert.equal(taken.body.payload.code, 'CHAT_ALREADY_LINKED');
      const status = await ctx().request({ method: 'GET', url: '/api/users/me/telegram/status', token: siti.token });
      assert.equal(status.body.payload.is_linked, false);
      const bad = await ctx().request(link('0813abc', '-100123'));
      assert.equal(bad.status, 400);
    });

    it('an inactive account is refused with 422, not the 401 of a bad internal token', async () => {
      const admin = await ctx().createUser('admin');
      const user = await ctx().createUser('user', { phone: '081355500009' });
      await ctx().request({ method: 'PATCH', url: `/api/users/${user.id}`, token: admin.token, body: { is_active: false } });
      const refused = await ctx().request(link('081355500009', '5550099'));
      assert.equal(refused.status, 422);
      assert.equal(refused.body.payload.code, 'ACCOUNT_INACTIVE');
    });

    it('status, unlink, relink and the audit trail', async () => {
      const user = await ctx().createUser('user', { phone: '081355500003' });
      await ctx().request(link('081355500003', '5550003'));
      const status = await ctx().request({ method: 'GET', url: '/api/users/me/telegram/status', token: user.token });
      assert.equal(status.status, 200);
      assert.equal(status.body.payload.is_linked, true);
      assert.equal(status.body.payload.telegram_chat_id, '5550003');
      assert.equal(status.body.payload.telegram_username, 'tg_user');
      assert.ok(status.body.payload.telegram_linked_at);
      // A new phone: the link is not moved silently; unlinking first (web or admin) is the way.
      const moved = await ctx().request(link('081355500003', '5550033'));
      assert.equal(moved.status, 409);
      assert.equal(moved.body.payload.code, 'ACCOUNT_LINKED_ELSEWHERE');
      await ctx().request({ method: 'DELETE', url: '/api/users/me/telegram/unlink', token: user.token });
      assert.equal((await ctx().request(link('081355500003', '5550033'))).status, 200);
      const unlink = await ctx().request({ method: 'DELETE', url: '/api/users/me/telegram/unlink', token: user.token });
      assert.equal(unlink.status, 200);
      assert.equal(unlink.body.payload.is_linked, false);
      const again = await ctx().request({ method: 'DELETE', url: '/api/users/me/telegram/unlink', token: user.token });
      assert.equal(again.status, 200);
      const trail = await ctx().app.services.telegramLinks.auditTrail(user.id);
      assert.deepEqual(trail.map((r) => [r.action, r.chatId, r.method]), [
        ['link', '5550003', 'internal_api'],
        ['unlink', '5550003', 'web'],
        ['link', '5550033', 'internal_api'],
        ['unlink', '5550033', 'web'],
      ]);
    });

    it('admin reset and adoption; drivers and viewers may not', async () => {
      const driver = await ctx().createUser('user', { phone: '081355500004' });
      await ctx().request(link('081355500004', '5550004'));
      const roles: [Role, number][] = [['viewer', 403], ['user', 403], ['admin', 200], ['superadmin', 200]];
      for (const [role, expected] of roles) {
        const actor = await ctx().createUser(role);
        assert.equal((await ctx().request({ method: 'GET', url: '/api/telegram/adoption', token: actor.token })).status, expected, `${role} adoption`);
      }
      const admin = await ctx().createUser('admin');
      const adoption = await ctx().request({ method: 'GET', url: '/api/telegram/adoption', token: admin.token });
      const { total_users, linked_users, percentage } = adoption.body.payload;
      assert.ok(linked_users >= 1 && total_users >= linked_users);
      assert.equal(percentage, Math.round((linked_users * 10000) / total_users) / 100);
      const linkedIds = async (linked: boolean) =>
        (await ctx().request({ method: 'GET', url: `/api/users?telegram_linked=${linked}&page_size=100`, token: admin.token })).body.payload.items.map(
          (u: { id: number; telegram_linked: boolean }) => (assert.equal(u.telegram_linked, linked), u.id),
        );
      assert.ok((await linkedIds(true)).includes(driver.id));
      assert.ok(!(await linkedIds(false)).includes(driver.id));
      const viewer = await ctx().createUser('viewer');
      assert.equal((await ctx().request({ method: 'DELETE', url: `/api/users/${driver.id}/telegram`, token: viewer.token })).status, 403);
      const reset = await ctx().request({ method: 'DELETE', url: `/api/users/${driver.id}/telegram`, token: admin.token });
      assert.equal(reset.status, 200);
      assert.equal(reset.body.payload.is_linked, false);
      assert.ok((await linkedIds(false)).includes(driver.id));
      assert.equal((await ctx().request({ method: 'DELETE', url: '/api/users/999999/telegram', token: admin.token })).status, 404);
      assert.equal((await ctx().request({ method: 'GET', url: '/api/users/me/telegram/status' })).status, 401);
    });

    it('a link token is 503 while no bot is configured', async () => {
      const user = await ctx().createUser('user');
      const res = await ctx().request({ method: 'POST', url: '/api/users/me/telegram/link-token', token: user.token });
      assert.equal(res.status, 503);
      assert.equal(res.body.payload.code, 'BOT_NOT_CONFIGURED');
    });

    it('two chats racing for one phone, and one chat racing for two users, leave exactly one consistent link', async () => {
      await ctx().createUser('user', { phone: '081355500005' });
      await ctx().createUser('user', { phone: '081355500006' });
      const results = await Promise.all([ctx().request(link('081355500005', '5550105')), ctx().request(link('081355500006', '5550105'))]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
      const links = ctx().app.services.telegramLinks;
      const holder = await links.findByChat('5550105');
      assert.ok(holder);
    });
  },
  { INTERNAL_API_TOKEN: INTERNAL },
);

describeEachDatabase('Telegram link API without INTERNAL_API_TOKEN', (ctx) => {
  it('the internal endpoint answers 503', async () => {
    const res = await ctx().request(link('081355500001', '5550001'));
    assert.equal(res.status, 503);
    assert.equal(res.body.payload.code, 'INTERNAL_API_DISABLED');
  });
});

const fakeTelegram = await startFakeTelegram({ maxPollSeconds: 1 });
after(() => fakeTelegram.close());

describeEachDatabase(
  'Telegram link token with a configured bot',
  (ctx) => {
    const fake = useBot(ctx, 'verified', fakeTelegram);
    it('makes a single-use t.me deep link that the bot redeems', async () => {
      const account = await ctx().createUser('user');
      const res = await ctx().request({ method: 'POST', url: '/api/users/me/telegram/link-token', token: account.token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const { token, url, expires_at } = res.body.payload;
      assert.equal(url, `https://t.me/p2h_test_bot?start=${token}`);
      assert.ok(new Date(expires_at).getTime() > ctx().clock.now.getTime());
      const chatId = ctx().kind === 'postgres' ? 990001 : 990002; // the fake is shared by both suites
      const from = { id: chatId, is_bot: false, first_name: 'Web', username: 'webuser' };
      fake().sendText({ from, text: `/start ${token}` });
      await fake().waitForMessage({ chatId: from.id, text: /Berhasil Terhubung/ });
      const status = await ctx().request({ method: 'GET', url: '/api/users/me/telegram/status', token: account.token });
      assert.equal(status.body.payload.telegram_chat_id, String(chatId));
      assert.equal(status.body.payload.is_linked, true);
    });
  },
  { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fakeTelegram.apiRoot },
);
