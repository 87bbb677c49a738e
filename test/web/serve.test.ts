import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { buildApp, type App } from '../../src/app.js';
import { webBuildNeeded } from '../../src/cli/ensure-web-build.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const INDEX = '<!doctype html><html lang="id"><head><title>P2H</title></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('p2h '.repeat(400))});`;

describe('serving the web app (static files, SPA fallback, cache headers, no build)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-web-'));
  const built = path.join(dir, 'built');
  let database: TestDatabase;
  let app: App;
  let bare: App;

  before(async () => {
    fs.mkdirSync(path.join(built, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(built, 'index.html'), INDEX);
    fs.writeFileSync(path.join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(built, 'assets/index-3f2a1b9c.js'), SCRIPT);
    fs.writeFileSync(path.join(built, 'assets/index-3f2a1b9c.js.br'), zlib.brotliCompressSync(SCRIPT));
    database = await createTestDatabase('postgres');
    const config = loadConfig({ JWT_SECRET: 'serve-test-secret-that-is-at-least-32-chars', P2H_DEMO: '0' });
    app = await buildApp({ config, database, jwtSecret: config.jwtSecret!, webRoot: built });
    bare = await buildApp({ config, database, jwtSecret: config.jwtSecret!, webRoot: path.join(dir, 'never-built') });
    await Promise.all([app.http.ready(), bare.http.ready()]);
  });
  after(async () => {
    await app?.http.close();
    await bare?.http.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('/ and every app path answer index.html, revalidated on each visit, with a content security policy', async () => {
    for (const url of ['/', '/login', '/units/12/check/2', '/reports/5/result?x=1', '/admin/users', '/apiary']) {
      const res = await app.http.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.equal(res.body, INDEX, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/, url);
    }
  });

  it('hashed assets are immutable and sent pre-compressed to browsers that accept it; other files revalidate', async () => {
    const plain = await app.http.inject({ method: 'GET', url: '/assets/index-3f2a1b9c.js' });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.body, SCRIPT);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(plain.headers['content-type']), /javascript/);

    const br = await app.http.inject({ method: 'GET', url: '/assets/index-3f2a1b9c.js', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/);
    assert.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), SCRIPT);

    const icon = await app.http.inject({ method: 'GET', url: '/favicon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['cache-control'], 'no-cache');
  });

  it('unknown /api and /docs paths and missing files get the JSON 404 envelope, not the app', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['POST', '/api/nope'],
      ['GET', '/api'],
      ['GET', '/docs/nope'],
      ['GET', '/assets/index-00000000.js'],
      ['GET', '/robots.txt'],
      ['DELETE', '/units'],
    ] as const) {
      const res = await app.http.inject({ method, url });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.equal(res.json().payload.code, 'NOT_FOUND', `${method} ${url}`);
    }
  });

  it('the API and its documentation are untouched', async () => {
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    const spec = await app.http.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(spec.statusCode, 200);
    assert.ok(spec.json().paths['/api/p2h/reports']);
    assert.equal(spec.json().paths['/*'], undefined, 'the web route is hidden from the API docs');
    assert.equal((await app.http.inject({ method: 'GET', url: '/docs' })).statusCode, 200);
  });

  it('never serves a file outside the build folder', async () => {
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await app.http.inject({ method: 'GET', url });
      assert.ok(!res.body.includes('TOP-SECRET-CONTENT'), `${url} answered ${res.statusCode}: ${res.body.slice(0, 80)}`);
    }
  });

  it('without a build: a page that says how to build, and the API keeps working', async () => {
    for (const url of ['/', '/units']) {
      const res = await bare.http.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 503);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /npm run build:web/);
    }
    assert.equal((await bare.http.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    assert.equal((await bare.http.inject({ method: 'GET', url: '/api/nope' })).json().payload.code, 'NOT_FOUND');
  });

  it('npm start rebuilds only when the web sources are newer than the build', () => {
    const sources = path.join(dir, 'web-src');
    const output = path.join(dir, 'out/index.html');
    fs.mkdirSync(path.join(sources, 'src'), { recursive: true });
    fs.writeFileSync(path.join(sources, 'src/main.tsx'), 'x');
    const paths = { sources: [sources], output };
    assert.match(webBuildNeeded(paths) ?? '', /not built/);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, INDEX);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(output, later, later);
    assert.equal(webBuildNeeded(paths), null);
    const evenLater = new Date(Date.now() + 10_000);
    fs.utimesSync(path.join(sources, 'src/main.tsx'), evenLater, evenLater);
    assert.match(webBuildNeeded(paths) ?? '', /changed/);
  });
});
