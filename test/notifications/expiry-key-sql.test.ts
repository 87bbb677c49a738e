import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import { dueExpiryAlert, dueExpiryKeySql } from '../../src/notifications/expiry-rules.js';
import { addDays } from '../../src/p2h/operational-day.js';
import { describeEachDatabase } from '../support/app.js';

// The scan skips already-announced slots by this SQL key: it must name the slot dueExpiryAlert does.
describeEachDatabase('expiry slot key in SQL', (ctx) => {
  it('matches dueExpiryAlert from 400 days expired to 30 days ahead', async () => {
    const today = '2027-03-01';
    const result = await ctx().database.db.execute(
      sql`select n, ${sql.raw(dueExpiryKeySql('n'))} as key from generate_series(-400, 30) as n order by n`,
    );
    const rows = (result as unknown as { rows: { n: number; key: string }[] }).rows;
    assert.equal(rows.length, 431);
    for (const row of rows) assert.equal(row.key, dueExpiryAlert(addDays(today, Number(row.n)), today)?.key, `${row.n} days`);
  });
});
