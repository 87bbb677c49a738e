import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HTTP_STATUS } from '../../src/http/error-status.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { ERROR_CODES } from '../../src/lib/error-codes.js';
import { DomainError } from '../../src/lib/errors.js';

describe('error codes at the HTTP edge', () => {
  it('every code has an error status, and the table has no code the list lacks', () => {
    for (const code of ERROR_CODES) assert.ok(HTTP_STATUS[code] >= 400 && HTTP_STATUS[code] < 600, code);
    assert.deepEqual(Object.keys(HTTP_STATUS).sort(), [...ERROR_CODES].sort());
  });

  describe('a thrown DomainError', () => {
    let app: HttpServer;
    before(async () => {
      app = await createHttpServer({ logger: false });
      app.get('/limited', async () => {
        throw new DomainError('TOO_MANY_ATTEMPTS', 'Terlalu banyak percobaan', {
          details: [{ field: 'username', code: 'invalid', message: 'coba lagi nanti' }],
          retryAfterSeconds: 90,
        });
      });
      app.get('/linked', { config: { errorStatus: { ACCOUNT_INACTIVE: 422 } } }, async () => {
        throw new DomainError('ACCOUNT_INACTIVE', 'Akun P2H ini sudah dinonaktifkan');
      });
      await app.ready();
    });
    after(() => app.close());

    it('reaches the envelope with its status, code, details and Retry-After', async () => {
      const res = await app.inject({ method: 'GET', url: '/limited' });
      assert.equal(res.statusCode, 429);
      assert.equal(res.headers['retry-after'], '90');
      assert.deepEqual(res.json(), {
        success: false,
        message: 'Terlalu banyak percobaan',
        payload: { code: 'TOO_MANY_ATTEMPTS', details: [{ field: 'username', code: 'invalid', message: 'coba lagi nanti' }] },
      });
    });

    it('answers with the status its route gives that code', async () => {
      const res = await app.inject({ method: 'GET', url: '/linked' });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().payload.code, 'ACCOUNT_INACTIVE');
      assert.equal(res.headers['retry-after'], undefined);
    });
  });
});
