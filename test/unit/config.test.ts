import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { demoLoginLines } from '../../src/demo/seed.js';
import { normalizeUsername } from '../../src/users/service.js';

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

describe('TRUST_PROXY', () => {
  it('is off by default', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false);
  });
  it('takes the proxies: addresses, CIDRs and the names loopback, linklocal, uniquelocal', () => {
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy, ['loopback', 'uniquelocal']);
  });
  it('refuses a hop count and true, which let a client forge its address, and anything else, naming the variable', () => {
    for (const bad of ['1', '2', 'true', 'yes please', '10.0.0.0/33', '300.1.1.1', '-1', '1.5', 'nginx', '127.0.0.1,,', '10.0.0.0/8/1']) {
      const problems = problemsOf({ TRUST_PROXY: bad });
      assert.equal(problems.length, 1, `${bad}: ${JSON.stringify(problems)}`);
      assert.match(problems[0]!, /^TRUST_PROXY .*loopback/);
    }
    assert.match(problemsOf({ TRUST_PROXY: '1' })[0]!, /hop count/);
  });
});

describe('demo mode on a public address', () => {
  it('is the default on loopback addresses', () => {
    for (const HOST of ['127.0.0.1', '127.8.9.10', '::1', 'localhost', '[::1]']) {
      assert.equal(loadConfig({ HOST }).demo, true, HOST);
    }
  });
  it('needs an explicit P2H_DEMO=1 on any other address, and says how to fix it', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.10', 'p2h.example.com']) {
      const problems = problemsOf({ HOST });
      assert.equal(problems.length, 1, `${HOST}: ${JSON.stringify(problems)}`);
      assert.match(problems[0]!, /^P2H_DEMO/);
      assert.match(problems[0]!, /P2H_DEMO=1/);
      assert.match(problems[0]!, /P2H_DEMO=0.*ADMIN_PHONE.*ADMIN_PASSWORD.*JWT_SECRET/);
    }
  });
  it('accepts P2H_DEMO=1 on a public address and marks it public, and P2H_DEMO=0 with a secret', () => {
    const config = loadConfig({ HOST: '0.0.0.0', P2H_DEMO: '1' });
    assert.equal(config.demo, true);
    assert.equal(config.publicHost, true);
    assert.equal(loadConfig({ HOST: '127.0.0.1' }).publicHost, false);
    assert.equal(loadConfig({ HOST: '0.0.0.0', P2H_DEMO: '0', JWT_SECRET: 'x'.repeat(32) }).demo, false);
    assert.equal(loadConfig({ HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/p2h', JWT_SECRET: 'x'.repeat(32) }).demo, false);
  });
  it('the demo banner warns loudly when the demo is public', () => {
    const quiet = demoLoginLines('http://127.0.0.1:3000', true, null).join('\n');
    assert.doesNotMatch(quiet, /WARNING/);
    const loud = demoLoginLines('http://localhost:3000', true, '0.0.0.0').join('\n');
    assert.match(loud, /WARNING: DEMO MODE ON A PUBLIC ADDRESS \(HOST=0\.0\.0\.0/);
    assert.match(loud, /P2H_DEMO=0/);
  });
});

describe('login throttle keys', () => {
  it('keys on the account a username means, whatever its spelling', () => {
    for (const spelling of ['081377800001', '0813-7780-0001', '+62 813 7780 0001', '6281377800001', '813 7780 0001']) {
      assert.equal(normalizeUsername(spelling), '+6281377800001', spelling);
    }
    assert.equal(normalizeUsername(' Sari@P2H.test '), 'sari@p2h.test');
    assert.equal(normalizeUsername('not a phone'), undefined);
  });
});
