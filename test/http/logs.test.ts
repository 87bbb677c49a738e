import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/config/logger.js';
import { maskPhone } from '../../src/users/phone.js';
import { startTestApp, type TestContext, type TestUser } from '../support/app.js';

/** A logger whose lines the test reads back. */
function capturedLogger(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger({ level, destination }), text: () => lines.join('\n'), lines };
}

const PHONE = '081234567890';
const TOKEN = '7123456789:AAHfZq3xKx9Lr2Vw_Ab-Cd3EfGh4IjKl5Mn';

describe('logs carry no personal data and no secrets [postgres]', () => {
  const captured = capturedLogger();
  let ctx: TestContext & { close(): Promise<void> };
  let admin: TestUser;
  before(async () => {
    ctx = await startTestApp('postgres', {}, { logger: captured.log });
    admin = await ctx.createUser('admin');
    // Every insert into users fails inside PostgreSQL: the route's error becomes an unhandled 500.
    await ctx.database.db.execute(sql.raw(`
      create function p2h_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$;
      create trigger p2h_test_refuse before insert on users for each row execute function p2h_test_refuse();`));
  });
  after(async () => ctx?.close());

  it('a failing query logs its SQLSTATE and first words, never its parameters', async () => {
    const response = await ctx.request({
      method: 'POST',
      url: '/api/users',
      token: admin.token,
      body: { full_name: 'Rahasia Pribadi', phone_number: '081298765432', email: 'rahasia@example.com', role: 'user', password: 'sandi-rahasia-99' },
    });
    assert.equal(response.status, 500);
    assert.equal(response.body.payload.code, 'INTERNAL_ERROR');
    const line = captured.lines.find((l) => l.includes('unhandled error'));
    assert.ok(line, `an error line was logged:\n${captured.text()}`);
    for (const secret of ['Rahasia Pribadi', '81298765432', 'rahasia@example.com', '$argon2', 'params:']) {
      assert.ok(!line.includes(secret), `the log line carries ${secret}: ${line}`);
    }
    const err = JSON.parse(line).err;
    assert.equal(err.code, 'P0001', 'the SQLSTATE is logged');
    assert.match(err.query, /^insert into "users"/, 'the first words of the SQL are logged');
  });

  it('a request URL with a phone number in its query logs only the path and the query keys', async () => {
    const response = await ctx.request({ method: 'GET', url: `/api/users?q=${PHONE}&page=1`, token: admin.token });
    assert.equal(response.status, 200);
    const text = captured.text();
    assert.ok(text.includes('/api/users'), 'the path is logged');
    assert.ok(!text.includes('1234567890'), `a phone number reached the log:\n${text}`);
  });
});

describe('the log safety net', () => {
  it('redacts a Telegram bot token anywhere in a line', () => {
    const { log, text } = capturedLogger();
    log.error({ err: new Error(`request to http://127.0.0.1:9/bot${TOKEN}/sendMessage failed`) }, 'delivery failed');
    log.info({ token: TOKEN }, `token ${TOKEN} in a message`);
    log.child({ reqId: 'req-1' }).warn(`a child logger (every request's) too: ${TOKEN}`);
    assert.ok(!text().includes('AAHfZq3xKx9Lr2Vw'), `the token reached the log:\n${text()}`);
    assert.match(text(), /bot<redacted>/);
    for (const line of text().split('\n')) JSON.parse(line);
  });

  it('masks a phone number for the log', () => {
    assert.equal(maskPhone('081234567890'), '0812****7890');
    assert.equal(maskPhone('+62 812-3456-7890'), '0812****7890');
  });
});
