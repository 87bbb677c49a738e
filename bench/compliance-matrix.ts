/**
 * compliance-matrix: `GET /api/p2h/compliance/matrix` and its .xlsx over HTTP against the real app on
 * real PostgreSQL, for last month with every slot of BENCH_MATRIX_UNITS units filled (minus a few)
 * and an out-of-service period on every tenth unit. Prints p50/p99 per request and the sizes.
 * Run: node --import tsx bench/compliance-matrix.ts (not in `npm run bench`'s list).
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { addDays, localTime } from '../src/lib/time.js';
import { login, ms, prepareBench, summarize, withClient } from './support.js';

const UNITS = Number(process.env.BENCH_MATRIX_UNITS ?? 500);
const REQUESTS = Number(process.env.BENCH_MATRIX_REQUESTS ?? 30);

const prepared = await prepareBench({ drivers: 1, vehicles: UNITS, poolSize: 10 });
try {
  const { bench, app, config, drivers } = prepared;
  const thisMonth = localTime(new Date(), config.timezone).date.slice(0, 7);
  const month = addDays(`${thisMonth}-01`, -1).slice(0, 7);
  const first = `${month}-01`;
  const seeded = await withClient(bench.url, async (client) => {
    // Every slot of every day, but one in seven unit-days loses slot 3 and one in eleven has nothing.
    const result = await client.query(
      `insert into p2h_reports (vehicle_id, user_id, shift_number, operational_date, submitted_at, overall_status)
       select v.id, $1, s, d::date, d + make_interval(hours => 6 + 8 * (s - 1)),
              (case when (v.id * 31 + s + extract(day from d)::int) % 40 = 0 then 'abnormal' when (v.id + s) % 9 = 0 then 'warning' else 'normal' end)::p2h_status
       from vehicles v, generate_series($2::date, ($2::date + interval '1 month' - interval '1 day'), interval '1 day') d, generate_series(1, 3) s
       where (v.id + extract(day from d)::int) % 11 <> 0 and not (s = 3 and (v.id * 3 + extract(day from d)::int) % 7 = 0)`,
      [drivers[0]!.id, first],
    );
    await client.query(
      `insert into vehicle_service_periods (vehicle_id, started_at, ended_at, reason)
       select id, $1::date + interval '10 days', $1::date + interval '13 days', 'bench' from vehicles where id % 10 = 0`,
      [first],
    );
    await client.query('vacuum analyze p2h_reports');
    return result.rowCount;
  });
  console.log(`compliance-matrix: ${UNITS} units, ${seeded} reports in ${month}`);

  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  const token = await login(baseUrl, drivers[0]!.phone);
  for (const [what, path] of [
    ['json', `/api/p2h/compliance/matrix?month=${month}`],
    ['xlsx', `/api/p2h/compliance/matrix.xlsx?month=${month}`],
  ] as const) {
    const latencies: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
      bytes = (await response.arrayBuffer()).byteLength;
      if (!response.ok) throw new Error(`${path} → ${response.status}`);
      latencies.push(performance.now() - started);
    }
    const summary = summarize(latencies);
    console.log(`compliance-matrix ${what}: p50 ${ms(summary.p50)}, p99 ${ms(summary.p99)} over ${REQUESTS} requests, ${(bytes / 1024).toFixed(0)} KiB`);
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (this process: app and client)`);
} finally {
  await prepared.cleanup();
}
