/**
 * report-list: `GET /api/p2h/reports` over HTTP against the real app with 1 000 000 reports on real
 * PostgreSQL: an admin's newest-first page, with filters, a deep page, and a driver's own history.
 * Reports are generated in SQL (no detail rows: the list never reads them).
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { addDays, localTime } from '../src/p2h/operational-day.js';
import { envCount, loadAverage, type NotifyOutcome } from './notify-support.js';
import { login, ms, prepareBench, summarize, VEHICLE_TYPE, withClient, type BenchOptions, type BenchResult } from './support.js';

const DRIVERS = 400;
const DAYS = 365;

export async function runReportListBench(options: BenchOptions): Promise<NotifyOutcome> {
  const reports = envCount('BENCH_LIST_REPORTS', 1_000_000);
  const requests = envCount('BENCH_LIST_REQUESTS', 200);
  // The slot index allows one report per unit, slot and day: a year of 3 slots a day needs
  // ⌈reports / (3 · 365)⌉ units (914 for 1 M), every slot of every unit filled.
  const units = Math.ceil(reports / (3 * DAYS));
  const prepared = await prepareBench({ drivers: 1, vehicles: units, poolSize: options.poolSize });
  try {
    const { bench, app, config, drivers, vehicleIds } = prepared;
    const today = localTime(new Date(), config.timezone).date;
    console.log(`report-list: seeding ${reports} reports over ${units} units, ${DRIVERS} drivers, ${DAYS} days up to ${today}…`);
    const seedStarted = performance.now();
    const driverPhone = await withClient(bench.url, async (client) => {
      await client.query(
        `insert into users (full_name, phone_number, role, password_hash)
         select 'List Driver ' || n, '+6281299' || lpad(n::text, 6, '0'), 'user', (select password_hash from users where id = $2)
         from generate_series(1, $1::int) as n`,
        [DRIVERS, drivers[0]!.id],
      );
      // Report n fills unit n mod U, slot (n / U) mod 3 + 1, day (n / U / 3) back from today: the newest
      // ids are the newest days, as in real life. Driver and status from a multiplicative hash:
      // statuses ~85 % normal, 12 % warning, 3 % abnormal.
      await client.query(
        `with d as (select array_agg(id order by id) as ids from users where role = 'user'),
              v as (select array_agg(id order by id) as ids from vehicles)
         insert into p2h_reports (vehicle_id, user_id, shift_number, operational_date, submitted_at, odometer, overall_status)
         select v.ids[1 + n % $2], d.ids[1 + ((n::bigint * 2654435761) % $3)::int], s, day,
                (day + make_interval(hours => 6 + 8 * (s - 1), mins => (n * 7) % 50)) at time zone $5,
                10000 + n % 90000,
                (case when h < 85 then 'normal' when h < 97 then 'warning' else 'abnormal' end)::p2h_status
         from d, v, generate_series($1::int - 1, 0, -1) as n,
              lateral (select 1 + (n / $2) % 3 as s, $4::date - (n / $2 / 3) as day, ((n::bigint * 40503) % 100)::int as h) as x`,
        [reports, units, DRIVERS, today, config.timezone],
      );
      await client.query('vacuum analyze users');
      await client.query('vacuum analyze p2h_reports');
      const { rows } = await client.query<{ phone_number: string }>(`select phone_number from users where role = 'user' order by id limit 1`);
      return `0${rows[0]!.phone_number.slice(3)}`;
    });
    console.log(`report-list: seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const adminToken = await login(baseUrl, drivers[0]!.phone);
    const driverToken = await login(baseUrl, driverPhone);

    const vehicle = vehicleIds[Math.floor(vehicleIds.length / 2)]!;
    const cases: { name: string; token: string; query: string }[] = [
      { name: 'admin page 1', token: adminToken, query: '' },
      { name: 'admin 7 days', token: adminToken, query: `date_from=${addDays(today, -6)}&date_to=${today}` },
      { name: 'admin vehicle', token: adminToken, query: `vehicle_id=${vehicle}` },
      { name: 'admin status=abnormal', token: adminToken, query: 'status=abnormal' },
      { name: 'admin status=normal', token: adminToken, query: 'status=normal' },
      { name: 'admin 30 d+vehicle+warning', token: adminToken, query: `date_from=${addDays(today, -29)}&date_to=${today}&vehicle_id=${vehicle}&status=warning` },
      { name: 'admin deep page 100×100', token: adminToken, query: 'page=100&page_size=100' },
      { name: 'driver own page 1', token: driverToken, query: '' },
      { name: 'driver own deep 125×20', token: driverToken, query: 'page=125&page_size=20' },
    ];

    const results: BenchResult[] = [];
    console.log('');
    console.log(`  GET /api/p2h/reports, ${reports} reports, one client, ${requests} requests per case after 20 warm-up; ${loadAverage()}`);
    for (const c of cases) {
      const url = `${baseUrl}/api/p2h/reports${c.query ? `?${c.query}` : ''}`;
      const times: number[] = [];
      let total = 0;
      let items = 0;
      for (let i = 0; i < 20 + requests; i++) {
        const started = performance.now();
        const response = await fetch(url, { headers: { authorization: `Bearer ${c.token}` } });
        const text = await response.text();
        const elapsed = performance.now() - started;
        if (response.status !== 200) throw new Error(`${c.name}: ${url} answered ${response.status}: ${text.slice(0, 300)}`);
        if (i >= 20) times.push(elapsed);
        if (i === 0) {
          const payload = (JSON.parse(text) as { payload: { total: number; items: unknown[] } }).payload;
          total = payload.total;
          items = payload.items.length;
        }
      }
      const latency = summarize(times);
      console.log(`  ${c.name.padEnd(28)} p50 ${ms(latency.p50).padStart(9)}  p99 ${ms(latency.p99).padStart(9)}  max ${ms(latency.max).padStart(9)}  (${items} items, total ${total})`);
      results.push({ name: `list: ${c.name}`, perSecond: 1000 / latency.mean, unit: 'req/s', latency, count: times.length, concurrency: 1 });
    }
    console.log('');
    const worst = results.reduce((a, b) => (b.latency.p99 > a.latency.p99 ? b : a));
    return {
      results,
      figures: [`report-list: ${reports} reports, ${cases.length} cases × ${requests}: worst p99 ${ms(worst.latency.p99)} (${worst.name}); ${loadAverage()}`],
    };
  } finally {
    await prepared.cleanup();
  }
}
