/**
 * The error boundary: when a handler fails for a reason that is not Telegram's (here the links
 * service, as if the database were down), the user is told to try again and the error is logged
 * without the token; the next update is answered as usual.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { pino } from 'pino';
import type { TelegramLinkService } from '../../src/users/telegram-link.js';
import { botText } from '../../src/telegram/messages.js';
import { DEFAULT_TOKEN, user as tgUser } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { useBot } from './bot-harness.js';

const SECRET = DEFAULT_TOKEN.split(':')[1]!;

/** The real service, except that reading or dropping a chat's link fails like a lost connection. */
function databaseDown(real: TelegramLinkService): TelegramLinkService {
  const down = () => Promise.reject(new Error('Connection terminated unexpectedly'));
  return Object.assign(Object.create(real) as TelegramLinkService, { findByChat: down, unlinkChat: down });
}

describeEachDatabase('Telegram bot: a failing handler', (ctx) => {
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  const fake = useBot(ctx, 'verified', undefined, { log, links: databaseDown });

  it('answers botText.failure() and logs the error without the token', async () => {
    const from = tgUser(780_001);
    fake().sendText({ from, text: '/status' });
    assert.equal((await fake().waitForMessage({ chatId: from.id })).text, botText.failure());
    fake().reset();
    fake().sendText({ from, text: '/unlink' });
    assert.equal((await fake().waitForMessage({ chatId: from.id })).text, botText.failure());
    assert.equal(fake().messagesTo(from.id).length, 1, 'one answer per command, nothing else');

    const failures = lines.filter((l) => l.includes('telegram handler failed'));
    assert.equal(failures.length, 2);
    assert.match(failures[0]!, /Connection terminated unexpectedly/);
    for (const line of lines) assert.ok(!line.includes(SECRET), line);

    // What does not need the failing part still works.
    fake().sendText({ from, text: '/help' });
    await fake().waitForMessage({ chatId: from.id, text: /Perintah bot P2H/ });
  });
});
