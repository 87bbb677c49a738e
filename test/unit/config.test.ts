import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { LoginThrottle } from '../../src/auth/login-throttle.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
}

describe('configuration', () => {
  it('runs on a bare machine: PGlite, demo mode, contract defaults', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.demo, true);
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.timezone, 'Asia/Makassar');
    assert.deepEqual(config.expiryCheckAt, { hour: 5, minute: 0 });
    assert.equal(config.telegram.linkMode, 'verified');
    assert.equal(config.telegram.apiRoot, 'https://api.telegram.org');
  });

  it('with DATABASE_URL demo is off and JWT_SECRET is required', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://localhost/p2h' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /JWT_SECRET/);
  });

  it('names every wrong variable at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      P2H_DEMO: 'maybe',
      P2H_TIMEZONE: 'Mars/Olympus',
      EXPIRY_CHECK_AT: '25:00',
      TELEGRAM_LINK_MODE: 'trust-me',
      TELEGRAM_API_ROOT: 'ftp://x',
      TELEGRAM_BOT_TOKEN: 'nope',
      TELEGRAM_CHAT_ID: 'group',
      DATABASE_URL: 'mysql://x',
      ADMIN_PHONE: '123',
      ADMIN_PASSWORD: 'longenough',
      JWT_SECRET: 'short',
    });
    for (const name of ['PORT', 'P2H_DEMO', 'P2H_TIMEZONE', 'EXPIRY_CHECK_AT', 'TELEGRAM_LINK_MODE', 'TELEGRAM_API_ROOT', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID', 'DATABASE_URL', 'ADMIN_PHONE', 'JWT_SECRET']) {
      assert.ok(problems.some((p) => p.startsWith(name)), `${name} is named in ${JSON.stringify(problems)}`);
    }
  });

  it('normalises ADMIN_PHONE and requires both admin variables', () => {
    assert.equal(loadConfig({ ADMIN_PHONE: '0812 3456 7890', ADMIN_PASSWORD: 'rahasia-123' }).admin?.phone, '+6281234567890');
    assert.match(problemsOf({ ADMIN_PHONE: '081234567890' })[0]!, /ADMIN_PHONE and ADMIN_PASSWORD/);
  });
});

describe('login throttle', () => {
  it('blocks a username after 5 failures in the window and frees it when the window passes', () => {
    let now = 0;
    const throttle = new LoginThrottle({ perUsername: 5, perAddress: 100, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 5; i++) {
      assert.equal(throttle.retryAfter('u', 'ip'), 0);
      throttle.recordFailure('u', 'ip');
    }
    assert.equal(throttle.retryAfter('u', 'ip'), 60);
    assert.equal(throttle.retryAfter('other', 'ip'), 0);
    now = 60_001;
    assert.equal(throttle.retryAfter('u', 'ip'), 0);
  });
  it('blocks an address that tries many usernames', () => {
    const throttle = new LoginThrottle({ perUsername: 5, perAddress: 3, windowMs: 60_000 }, () => 0);
    for (const name of ['a', 'b', 'c']) throttle.recordFailure(name, 'ip');
    assert.ok(throttle.retryAfter('d', 'ip') > 0);
    assert.equal(throttle.retryAfter('d', 'other-ip'), 0);
  });
});
