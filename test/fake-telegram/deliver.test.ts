import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bot } from 'grammy';
import { DEFAULT_TOKEN, startFakeTelegram, user } from './server.js';

describe('fake telegram: deliverTo', () => {
  it('hands updates to an in-process bot one at a time and in order; replies still arrive over HTTP', async () => {
    const fake = await startFakeTelegram();
    try {
      const bot = new Bot(DEFAULT_TOKEN, { client: { apiRoot: fake.apiRoot } });
      const seen: string[] = [];
      bot.on('message:text', async (ctx) => {
        // The first update is the slowest: a later one must still wait for it.
        if (ctx.message.text === 'one') await new Promise((r) => setTimeout(r, 50));
        seen.push(ctx.message.text);
        await ctx.reply(`got ${ctx.message.text}`);
      });
      await bot.init();
      const detach = fake.deliverTo((update) => bot.handleUpdate(update));
      for (const text of ['one', 'two', 'three']) fake.sendText({ from: user(8), text });
      await fake.waitForCalls('sendMessage', 3, 5_000);
      assert.deepEqual(seen, ['one', 'two', 'three']);
      assert.deepEqual(fake.messagesTo(8).map((m) => m.text), ['got one', 'got two', 'got three']);
      assert.equal(fake.pendingUpdates().length, 0, 'nothing was queued for getUpdates');

      await detach();
      fake.sendText({ from: user(8), text: 'queued' });
      assert.deepEqual(fake.pendingUpdates().map((u) => u.message?.text), ['queued'], 'after detach, updates queue again');
    } finally {
      await fake.close();
    }
  });
});
