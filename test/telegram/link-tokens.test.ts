import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eq } from 'drizzle-orm';
import { telegramLinkTokens } from '../../src/users/telegram-schema.js';
import { describeEachDatabase } from '../support/app.js';

describeEachDatabase('Telegram link tokens do not outlive their purpose', (ctx) => {
  const links = () => ctx().app.services.telegramLinks;

  it('a new token makes the older ones useless', async () => {
    const user = await ctx().createUser('user');
    const older = await links().createToken(user.id);
    const newer = await links().createToken(user.id);
    assert.equal(await links().redeemToken(older.token), undefined, 'the older token is refused');
    assert.equal(await links().redeemToken(newer.token), user.id);
  });

  it('linking by any method ends the unused tokens', async () => {
    const user = await ctx().createUser('user');
    const { token } = await links().createToken(user.id);
    await links().linkById(user.id, { chatId: String(7_700_000 + user.id), username: null }, 'contact');
    assert.equal(await links().redeemToken(token), undefined);
  });

  it('changing my own password ends the unused tokens', async () => {
    const user = await ctx().createUser('user', { password: 'lama-12345' });
    const { token } = await links().createToken(user.id);
    const res = await ctx().request({
      method: 'POST', url: '/api/users/me/password', token: user.token,
      body: { current_password: 'lama-12345', new_password: 'baru-12345' },
    });
    assert.equal(res.status, 200);
    assert.equal(await links().redeemToken(token), undefined);
  });

  it("an admin's password reset ends the unused tokens", async () => {
    const user = await ctx().createUser('user');
    const admin = await ctx().createUser('admin');
    const { token } = await links().createToken(user.id);
    const res = await ctx().request({ method: 'PATCH', url: `/api/users/${user.id}`, token: admin.token, body: { password: 'baru-12345' } });
    assert.equal(res.status, 200);
    assert.equal(await links().redeemToken(token), undefined);
  });

  it('rows older than a day are purged when a token is made', async () => {
    const old = await ctx().createUser('user');
    const user = await ctx().createUser('user');
    const realNow = ctx().clock.now;
    ctx().clock.now = new Date(realNow.getTime() - 2 * 24 * 3600_000);
    try {
      await links().createToken(old.id);
      const used = await links().createToken(old.id);
      await links().redeemToken(used.token);
    } finally {
      ctx().clock.now = realNow;
    }
    await links().createToken(user.id);
    const rows = await ctx().database.db.select().from(telegramLinkTokens).where(eq(telegramLinkTokens.userId, old.id));
    assert.equal(rows.length, 0, 'expired and used rows are gone');
  });
});
