import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../support/app.js';

const LISTS = ['/api/p2h/reports', '/api/users', '/api/vehicles', '/api/notifications'];

describeEachDatabase('offset paging is capped: no page past the first 10 000 rows', (ctx) => {
  it('every list answers the last allowed page and refuses a deeper one with 400 PAGE_TOO_DEEP telling to narrow by date', async () => {
    const admin = await ctx().createUser('admin');
    for (const list of LISTS) {
      const last = await ctx().request({ method: 'GET', url: `${list}?page=100&page_size=100`, token: admin.token });
      assert.equal(last.status, 200, `${list} ${JSON.stringify(last.body)}`);
      const beyond = await ctx().request({ method: 'GET', url: `${list}?page=100000`, token: admin.token });
      assert.equal(beyond.status, 400, 'past any depth: refused by the schema');
      assert.equal(beyond.body.payload.details[0].field, 'querystring.page');
      for (const query of ['page=101&page_size=100', 'page=10000&page_size=2', 'page=5001&page_size=2']) {
        const deep = await ctx().request({ method: 'GET', url: `${list}?${query}`, token: admin.token });
        assert.equal(deep.status, 400, `${list}?${query} ${JSON.stringify(deep.body)}`);
        assert.equal(deep.body.success, false);
        assert.equal(deep.body.payload.code, 'PAGE_TOO_DEEP');
        assert.match(deep.body.message, /10000|10\.000/);
        assert.equal(deep.body.payload.details[0].field, 'querystring.page');
      }
    }
  });
});
