import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GrammyError, HttpError } from 'grammy';
import { visibleLastError } from '../../src/notifications/visibility.js';
import { SKIP_BOT_NOT_CONFIGURED, SKIP_NO_RECIPIENT } from '../../src/notifications/routing.js';
import { ChatRateLimiter } from '../../src/telegram/chat-rate-limit.js';
import { describeTelegramError, scrubSecrets } from '../../src/telegram/describe-error.js';
import { PendingClaims } from '../../src/telegram/pending-claims.js';
import { maskPhone } from '../../src/users/phone.js';

const TOKEN = '123456:AAH-secret_part-abcdefghijklmnop';

describe('maskPhone', () => {
  it('shows the first and last four digits of the local 0-form', () => {
    assert.equal(maskPhone('+6281234567890'), '0812****7890');
    assert.equal(maskPhone('+628123456789'), '0812****6789');
    assert.equal(maskPhone('+4915112345678'), '+491****5678');
  });
});

describe('describeTelegramError', () => {
  const fetchError = (message: string, extra: Record<string, unknown>) => Object.assign(new Error(message), extra);
  const url = `http://127.0.0.1:9/bot${TOKEN}/sendMessage`;

  it('names the network failure by its code, never by the message that quotes the URL', () => {
    const refused = new HttpError("Network request for 'sendMessage' failed!", fetchError(`request to ${url} failed, reason: connect ECONNREFUSED`, { code: 'ECONNREFUSED', type: 'system' }));
    assert.equal(describeTelegramError(refused), 'network: ECONNREFUSED');
    const json = new HttpError('x', fetchError(`invalid json response body at ${url} reason: Unexpected token <`, { type: 'invalid-json' }));
    assert.equal(describeTelegramError(json), 'network: invalid response (not JSON)');
    assert.equal(describeTelegramError(new HttpError('x', new Error("Request to 'getMe' timed out after 10 seconds"))), 'network: timeout');
    assert.equal(describeTelegramError(new HttpError('x', { status: 502, statusText: `Bad Gateway ${url}` })), 'network: HTTP 502');
  });

  it("keeps Telegram's own words, without URLs or tokens", () => {
    const error = new GrammyError('x', { ok: false, error_code: 500, description: `Internal Server Error at ${url} ${TOKEN}` }, 'sendMessage', {});
    const text = describeTelegramError(error);
    assert.ok(text.startsWith('500 Internal Server Error'));
    assert.ok(!text.includes('secret_part'), text);
    assert.ok(!scrubSecrets(`token ${TOKEN} here`).includes('secret_part'));
    assert.ok(!describeTelegramError(new Error(`boom ${url}`)).includes('secret_part'));
  });
});

describe('visibleLastError', () => {
  it('admins read every error; others only our fixed skip reasons', () => {
    const failed = { status: 'failed', last_error: 'network: ECONNREFUSED' };
    assert.equal(visibleLastError('admin', failed), 'network: ECONNREFUSED');
    assert.equal(visibleLastError('superadmin', failed), 'network: ECONNREFUSED');
    for (const role of ['user', 'viewer'] as const) {
      assert.equal(visibleLastError(role, failed), null);
      assert.equal(visibleLastError(role, { status: 'skipped', last_error: SKIP_BOT_NOT_CONFIGURED }), SKIP_BOT_NOT_CONFIGURED);
      assert.equal(visibleLastError(role, { status: 'skipped', last_error: SKIP_NO_RECIPIENT }), SKIP_NO_RECIPIENT);
      assert.equal(visibleLastError(role, { status: 'skipped', last_error: 'no recipient: something else' }), null);
      assert.equal(visibleLastError(role, { status: 'pending', last_error: SKIP_BOT_NOT_CONFIGURED }), null);
    }
  });
});

describe('bounded bot memory', () => {
  it('the rate limiter forgets expired keys and never holds more than its bound, even when all are live', () => {
    let now = 0;
    const limiter = new ChatRateLimiter({ max: 5, windowMs: 1_000 }, () => now);
    for (let i = 0; i < 25_000; i++) limiter.hit(`chat-${i}`);
    assert.ok(limiter.size <= 10_000, `${limiter.size} keys held`);
    now = 2_000;
    limiter.hit('late');
    assert.equal(limiter.size, 1, 'expired keys are pruned');
    for (let i = 0; i < 4; i++) assert.equal(limiter.hit('late'), 'allow');
    assert.equal(limiter.hit('late'), 'warn');
    assert.equal(limiter.hit('late'), 'drop');
  });

  it('pending claims expire, are pruned and are bounded', () => {
    let now = 0;
    const claims = new PendingClaims(1_000, () => now, 100);
    for (let i = 0; i < 500; i++) claims.set(`chat-${i}`, { phone: '+6281234567890', typed: '0812' });
    assert.equal(claims.size, 100);
    assert.ok(claims.get('chat-499'));
    assert.equal(claims.get('chat-0'), undefined, 'the oldest went first');
    now = 1_500;
    assert.equal(claims.get('chat-499'), undefined, 'expired');
    claims.set('fresh', { phone: '+6281234567890', typed: '0812' });
    assert.equal(claims.size, 1, 'expired claims are pruned');
  });
});
