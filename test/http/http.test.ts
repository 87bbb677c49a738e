import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../support/app.js';

describeEachDatabase('HTTP envelope, health and documentation', (ctx) => {
  it('health answers liveness and readiness', async () => {
    const live = await ctx().request({ method: 'GET', url: '/api/health' });
    assert.deepEqual(live.body, { success: true, message: 'OK', payload: { status: 'ok' } });
    const ready = await ctx().request({ method: 'GET', url: '/api/health/ready' });
    assert.equal(ready.status, 200);
    assert.equal(ready.body.payload.database, ctx().kind);
  });

  it('malformed JSON, empty bodies, wrong media types and oversized bodies get envelope errors', async () => {
    const admin = await ctx().createUser('admin');
    const malformed = await ctx().request({ method: 'POST', url: '/api/users', token: admin.token, rawBody: '{"full_name": "x",' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.success, false);
    assert.equal(malformed.body.payload.code, 'INVALID_JSON');

    const empty = await ctx().request({ method: 'POST', url: '/api/auth/login', rawBody: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.success, false);

    const notObject = await ctx().request({ method: 'POST', url: '/api/auth/login', rawBody: '[1,2]' });
    assert.equal(notObject.status, 400);
    assert.equal(notObject.body.payload.code, 'VALIDATION_ERROR');

    const text = await ctx().request({ method: 'POST', url: '/api/auth/login', rawBody: 'username=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(text.status, 415);
    assert.equal(text.body.payload.code, 'UNSUPPORTED_MEDIA_TYPE');

    const huge = await ctx().request({ method: 'POST', url: '/api/auth/login', rawBody: JSON.stringify({ username: 'x'.repeat(600 * 1024), password: 'y' }) });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.payload.code, 'PAYLOAD_TOO_LARGE');

    const proto = await ctx().request({ method: 'POST', url: '/api/auth/login', rawBody: '{"username":"a","password":"b","__proto__":{"x":1}}' });
    assert.equal(proto.status, 400);
  });

  it('unknown routes answer 404 in the envelope', async () => {
    const res = await ctx().request({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(res.status, 404);
    assert.deepEqual(Object.keys(res.body).sort(), ['message', 'payload', 'success']);
    assert.equal(res.body.payload.code, 'NOT_FOUND');
  });

  it('serves the OpenAPI document at /docs with every route described', async () => {
    const response = await ctx().app.http.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(response.statusCode, 200);
    const spec = response.json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    assert.match(spec.openapi, /^3\./);
    for (const path of ['/api/auth/login', '/api/users', '/api/users/{id}', '/api/p2h/reports', '/api/p2h/reports/{id}', '/api/health/ready']) {
      assert.ok(spec.paths[path], `${path} documented`);
    }
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        assert.ok(Object.keys(operation.responses ?? {}).some((code) => code.startsWith('2')), `${method} ${path} has a success response schema`);
      }
    }
    const ui = await ctx().app.http.inject({ method: 'GET', url: '/docs' });
    assert.ok([200, 302].includes(ui.statusCode));
  });
});
