/**
 * Hostile and malformed Telegram updates, generated with a fixed seed and fed straight to the bot
 * (bot.handleUpdate), whose replies go to the fake Bot API over HTTP. None may crash the bot or
 * change a user or a link, and the bot must still answer and link afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { pino } from 'pino';
import { BotError, GrammyError, HttpError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { createBot } from '../../src/telegram/bot.js';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';

const RUNS = 240;
const SEED = 20_260_121;
const LINKED_CHAT = 424_242;
const REGISTERED = ['081377700001', '081377700002', '081377700003'];
const UNREGISTERED = ['081377709991', '6281377709992', '+62 813-7770-9993'];

const hugeOrOdd = fc.constantFrom(0, -1, -1_001_234_567_890, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e20, 1.5, LINKED_CHAT + 1);
const userId = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 2 ** 31 }).filter((id) => id !== LINKED_CHAT) }, { weight: 1, arbitrary: hugeOrOdd });
const anyText = fc.oneof(fc.string({ maxLength: 50 }), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ unit: 'binary', maxLength: 30 }));
const phoneLike = fc.oneof(fc.constantFrom(...REGISTERED, ...UNREGISTERED), fc.stringMatching(/^\+?[0-9 ()-]{0,24}$/), fc.constant('٠٨١٣٧٧٧٠٠٠٠١'));
const commandText = fc.oneof(
  phoneLike.map((p) => `/start ${p}`),
  fc.constantFrom('/start', '/status', '/help', '/stop@p2h_test_bot', '/start@p2h_test_bot 081377700001', `/start ${'9'.repeat(4000)}`, `/start ${'A'.repeat(4000)}`),
  fc.string({ minLength: 16, maxLength: 64 }).map((t) => `/start ${t}`),
  anyText.map((t) => `/start ${t}`),
  anyText.map((t) => `/${t}`),
  anyText,
);
const person = (id: unknown) => ({ id, is_bot: false, first_name: 'Fuzz', username: 'fuzz' });
const privateChat = (id: unknown) => ({ id, type: 'private', first_name: 'Fuzz' });
const groupChat = (id: unknown) => ({ id, type: 'supergroup', title: 'Grup' });
const entities = (text: string) => (text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: Math.max(1, text.split(' ')[0]!.length) }] : undefined);

/** An update nobody should be able to link anything with (no own contact of a registered number). */
const hostileUpdate: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  // Commands and text in private chats, in groups, from bots.
  fc.record({ from: userId, text: commandText, group: fc.boolean(), bot: fc.boolean() }).map(({ from, text, group, bot }) => ({
    message: { message_id: 1, date: 0, from: { ...person(from), is_bot: bot }, chat: group ? groupChat(-1_000_000 - Number(from)) : privateChat(from), text, entities: entities(text) },
  })),
  // Contacts: someone else's, forwarded, without user_id, or one's own with an unregistered number.
  fc.record({ from: userId, phone: phoneLike, unregistered: fc.constantFrom(...UNREGISTERED), kind: fc.constantFrom('foreign', 'forwarded', 'no_user_id', 'own_unregistered') }).map(({ from, phone, unregistered, kind }) => {
    const contact: Record<string, unknown> = { phone_number: kind === 'own_unregistered' ? unregistered : phone, first_name: 'Kontak' };
    if (kind === 'foreign') contact.user_id = Number(from) + 1;
    if (kind === 'forwarded' || kind === 'own_unregistered') contact.user_id = from;
    const message: Record<string, unknown> = { message_id: 2, date: 0, from: person(from), chat: privateChat(from), contact };
    if (kind === 'forwarded') message.forward_origin = { type: 'user', date: 0, sender_user: person(Number(from) + 7) };
    return { message };
  }),
  // Updates the bot does not subscribe to, and forged callback data.
  fc.record({ from: userId, data: fc.oneof(fc.constantFrom('defect:take:1', 'defect:take:-1', 'defect:take:99999999999999999999', ''), fc.string({ maxLength: 64 })) }).map(({ from, data }) => ({
    callback_query: { id: String(from), from: person(from), chat_instance: 'x', data, message: { message_id: 3, date: 0, chat: privateChat(from) } },
  })),
  commandText.map((text) => ({ channel_post: { message_id: 4, date: 0, chat: { id: -100_777, type: 'channel', title: 'Kanal' }, text } })),
  fc.record({ from: userId, text: commandText }).map(({ from, text }) => ({ edited_message: { message_id: 5, date: 0, edit_date: 1, from: person(from), chat: privateChat(from), text } })),
  fc.record({ from: userId, status: fc.constantFrom('kicked', 'member', 'left', 'administrator', 'bogus'), group: fc.boolean() }).map(({ from, status, group }) => ({
    my_chat_member: { chat: group ? groupChat(-5) : privateChat(from), from: person(from), date: 0, old_chat_member: { status: 'member', user: person(1) }, new_chat_member: { status, user: person(1) } },
  })),
  // Nulls and missing pieces where objects belong.
  fc.record({ from: userId, text: commandText }).chain(({ from, text }) =>
    fc.constantFrom<Record<string, unknown>>(
      { message: null },
      { message: {} },
      { message: { message_id: 6, date: 0, text } },
      { message: { message_id: 6, date: 0, chat: null, from: person(from), text } },
      { message: { message_id: 6, date: 0, chat: privateChat(from), from: null, text } },
      { message: { message_id: 6, date: 0, chat: privateChat(from), text } },
      { message: { message_id: 6, date: 0, chat: privateChat(from), from: person(from), text: null, entities: [{ type: 'bot_command', offset: -3, length: 1e9 }] } },
      { message: { message_id: 6, date: 0, chat: privateChat(from), from: person(from), contact: null } },
      { message: { message_id: 6, date: 0, chat: privateChat(from), from: person(from), contact: { user_id: from } } },
      { my_chat_member: null },
      { callback_query: { id: '1', data: text } },
    ),
  ),
);

describeEachDatabase('Telegram fuzz', (ctx) => {
  let fake: FakeTelegram;
  let bot: Bot;
  // The error boundary answers a crash politely instead of throwing it; its log line still counts as one.
  const handlerFailures: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => void (line.includes('telegram handler failed') && handlerFailures.push(line)) });
  before(async () => {
    fake = await startFakeTelegram();
    bot = createBot({ token: DEFAULT_TOKEN, apiRoot: fake.apiRoot, linkMode: 'verified', links: ctx().app.services.telegramLinks, defects: ctx().app.services.defects, preferences: ctx().app.services.preferences, log });
    await bot.init();
  });
  after(() => fake.close());

  const checksum = async () => {
    const rows = (await ctx().database.db.execute(sql`
      select (select md5(coalesce(string_agg(u::text, '|' order by u.id), '')) from users u)
          || (select md5(coalesce(string_agg(a::text, '|' order by a.id), '')) from telegram_link_audit a)
          || (select md5(coalesce(string_agg(t::text, '|' order by t.token_hash), '')) from telegram_link_tokens t) as sum`)) as unknown as { rows: { sum: string }[] };
    return rows.rows[0]!.sum;
  };

  it(`${RUNS} hostile updates: no crash, nothing changed, the bot still answers and links`, async () => {
    const users = [];
    for (const phone of REGISTERED) users.push(await ctx().createUser('user', { phone }));
    await ctx().app.services.telegramLinks.linkById(users[0]!.id, { chatId: String(LINKED_CHAT), username: null }, 'contact');
    await ctx().app.services.telegramLinks.createToken(users[1]!.id);
    const before = await checksum();

    let updates = 0;
    let refusedByTelegram = 0;
    const crashes: string[] = [];
    let nextUpdateId = 1;
    await fc.assert(
      fc.asyncProperty(hostileUpdate, async (partial) => {
        updates += 1;
        try {
          await bot.handleUpdate({ update_id: nextUpdateId++, ...partial } as unknown as Update);
        } catch (error) {
          const inner = error instanceof BotError ? error.error : error;
          // Telegram refusing to send to a chat id no real update carries (1e20, 1.5) is its answer, not our crash.
          if (inner instanceof GrammyError || inner instanceof HttpError) refusedByTelegram += 1;
          else crashes.push(`${JSON.stringify(partial).slice(0, 200)} → ${inner instanceof Error ? inner.stack : String(inner)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`telegram fuzz [${ctx().kind}]: ${updates} updates, ${crashes.length} crashes, ${refusedByTelegram} replies refused by the Bot API`);
    assert.deepEqual(crashes, []);
    assert.deepEqual(handlerFailures, [], 'no handler failed behind the error boundary');
    assert.ok(updates >= 200);
    assert.equal(await checksum(), before, 'no user, link, audit row or link token changed');

    // Still answering, and a real owner still links.
    fake.reset();
    const helper = 987_654_321;
    await bot.handleUpdate({ update_id: nextUpdateId++, message: { message_id: 9, date: 0, from: person(helper), chat: privateChat(helper), text: '/help', entities: entities('/help') } } as unknown as Update);
    await fake.waitForMessage({ chatId: helper, text: /Perintah bot P2H/ });
    const owner = 987_654_322;
    await bot.handleUpdate({ update_id: nextUpdateId++, message: { message_id: 10, date: 0, from: person(owner), chat: privateChat(owner), text: '/start 081377700002', entities: entities('/start') } } as unknown as Update);
    await bot.handleUpdate({ update_id: nextUpdateId++, message: { message_id: 11, date: 0, from: person(owner), chat: privateChat(owner), contact: { phone_number: '6281377700002', first_name: 'A', user_id: owner } } } as unknown as Update);
    await fake.waitForMessage({ chatId: owner, text: /Berhasil Terhubung/ });
    assert.equal((await ctx().app.services.telegramLinks.status(users[1]!.id)).telegram_chat_id, String(owner));
  });
});
