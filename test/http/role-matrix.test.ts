import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { installAccessControl, ROUTE_ACCESS, type Access } from '../../src/auth/access.js';
import type { Auth } from '../../src/auth/guard.js';
import { createHttpServer } from '../../src/http/server.js';
import type { Role } from '../../src/users/schema.js';
import { startTestApp, type TestContext } from '../support/app.js';

const INTERNAL_TOKEN = 'internal-token-for-the-role-matrix-test';
const CALLERS = ['anonymous', 'internal', 'viewer', 'user', 'admin', 'superadmin'] as const;
type Caller = (typeof CALLERS)[number];

type Outcome = 'allowed' | 401 | 403;

/** What the role matrix promises a caller: let through, or refused with 401 (who are you) / 403 (not you). */
function expected(access: Access, caller: Caller): Outcome {
  if (access === 'public') return 'allowed';
  if (access === 'internal') return caller === 'internal' ? 'allowed' : 401;
  if (caller === 'anonymous' || caller === 'internal') return 401;
  if (access === 'logged_in') return 'allowed';
  return access.includes(caller as Role) ? 'allowed' : 403;
}

describe('role matrix: every /api route × every caller [postgres]', () => {
  let ctx: TestContext & { close(): Promise<void> };
  const headers = new Map<Caller, Record<string, string>>();
  before(async () => {
    ctx = await startTestApp('postgres', { INTERNAL_API_TOKEN: INTERNAL_TOKEN });
    headers.set('anonymous', {});
    headers.set('internal', { 'x-internal-token': INTERNAL_TOKEN });
    for (const role of ['viewer', 'user', 'admin', 'superadmin'] as const) {
      headers.set(role, { authorization: `Bearer ${(await ctx.createUser(role)).token}` });
    }
  });
  after(async () => ctx?.close());

  it('answers each caller as ROUTE_ACCESS declares', async () => {
    // Logout ends every session of its caller, so it goes last or the routes after it would see dead tokens.
    const endsSessions = (route: { method: string; url: string }) => `${route.method} ${route.url}` === 'POST /api/auth/logout';
    const routes = [...ctx.app.http.declaredRoutes].sort((a, b) => Number(endsSessions(a)) - Number(endsSessions(b)));
    assert.ok(routes.length >= 35, `the app registered its routes (${routes.length})`);
    const wrong: string[] = [];
    const tally = { allowed: 0, 401: 0, 403: 0 };
    for (const route of routes) {
      // An id that does not exist and an empty body: the guard runs before parsing and validation,
      // so a refused caller gets 401/403 and an admitted one reaches validation (400), the handler's
      // 404, or an answer; nothing is changed.
      const url = route.url.replace(/:\w+/g, '2147483647');
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE' && route.schema?.body !== undefined;
      for (const caller of CALLERS) {
        const want = expected(route.access, caller);
        const response = await ctx.app.http.inject({
          method: route.method as 'GET',
          url,
          headers: { ...headers.get(caller), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          payload: hasBody ? '{}' : undefined,
        });
        // A file download (an .xlsx, a PDF) answers its success without the envelope; its errors still carry it.
        const isFile = response.statusCode < 400 && !String(response.headers['content-type'] ?? '').startsWith('application/json');
        const body = (isFile ? { success: true, payload: {} } : response.json()) as { success: boolean; payload: { code?: string } };
        const got = response.statusCode;
        const label = `${route.method} ${route.url} as ${caller}: ${got} ${body.payload?.code ?? ''}`;
        if (body.success !== (got < 400) || (got >= 400 && typeof body.payload?.code !== 'string')) wrong.push(`${label} (no envelope)`);
        if (want === 'allowed' ? got === 401 || got === 403 || (got >= 500 && got !== 503) : got !== want) {
          wrong.push(`${label}, expected ${want === 'allowed' ? 'to be let through' : want}`);
        }
        tally[want] += 1;
      }
    }
    const stale = Object.keys(ROUTE_ACCESS).filter((key) => !routes.some((r) => `${r.method} ${r.url}` === key));
    console.log(`role matrix: ${routes.length} routes × ${CALLERS.length} callers: ${tally.allowed} let through, ${tally[401]} × 401, ${tally[403]} × 403`);
    assert.deepEqual(wrong, []);
    assert.deepEqual(stale, [], 'every ROUTE_ACCESS entry names a registered route');
  });
});

describe('a route without a declared policy', () => {
  it('stops the start with a message naming it', async () => {
    const http = await createHttpServer({ logger: false });
    const auth: Auth = { require: () => async () => {}, issueToken: () => '' };
    installAccessControl(http, { auth, internalApiToken: undefined });
    await assert.rejects(async () => {
      http.get('/api/not-declared', async () => ({}));
      await http.ready();
    }, /GET \/api\/not-declared has no entry in ROUTE_ACCESS/);
    await http.close().catch(() => {});
  });
});
