/**
 * export-xlsx: `GET /api/exports/reports.xlsx` over HTTP against the real app on real PostgreSQL with
 * 100 000 reports of a range (about 39 answers each, so ~3.9 M Detail rows, and the defects their
 * WARNING/ABNORMAL answers named). It reads the whole download, discarding the bytes, and prints the
 * time, the size and the process's RSS before and at its peak (sampled every 20 ms): the export is
 * streamed, so the peak should not grow with the range.
 *
 *   node --import tsx bench/export-xlsx.ts          # BENCH_EXPORT_REPORTS=20000 for a quicker one
 *
 * Not in `npm run bench`'s default list: seeding and exporting take a few minutes.
 *
 * Measured 2026-12-02 on the shared 2-core machine (load 7–19, so times are pessimistic):
 * 100 000 reports → 108 MB in 357 s, RSS 157 MB before, peak 329 MB; 20 000 reports → 22 MB in 45 s,
 * peak 358 MB. Five times the reports, no higher peak: the rest is the garbage collector's slack.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { addDays, localTime } from '../src/lib/time.js';
import { envCount, loadAverage } from './notify-support.js';
import { login, prepareBench, withClient } from './support.js';

const DAYS = 120;
const MB = 2 ** 20;

export async function runExportXlsxBench(): Promise<string> {
  const reports = envCount('BENCH_EXPORT_REPORTS', 100_000);
  // One report per unit, slot and day: ⌈reports / (3 · DAYS)⌉ units fill the range.
  const units = Math.ceil(reports / (3 * DAYS));
  const prepared = await prepareBench({ drivers: 1, vehicles: units, poolSize: 10 });
  try {
    const { bench, app, config, drivers } = prepared;
    const today = localTime(new Date(), config.timezone).date;
    const from = addDays(today, -(DAYS - 1));
    console.log(`export-xlsx: seeding ${reports} reports over ${units} units and ${DAYS} days…`);
    const seedStarted = performance.now();
    const counts = await withClient(bench.url, async (client) => {
      // Report n: unit n mod U, slot (n / U) mod 3 + 1, day (n / U / 3) back from today; ~85 % normal.
      await client.query(
        `with v as (select array_agg(id order by id) as ids from vehicles)
         insert into p2h_reports (vehicle_id, user_id, shift_number, operational_date, submitted_at, odometer, overall_status)
         select v.ids[1 + n % $2], $3, s, day, (day + make_interval(hours => 6 + 8 * (s - 1), mins => (n * 7) % 50)) at time zone $5,
                10000 + (n % 90000) + 0.5,
                (case when h < 85 then 'normal' when h < 97 then 'warning' else 'abnormal' end)::p2h_status
         from v, generate_series(0, $1::int - 1) as n,
              lateral (select 1 + (n / $2) % 3 as s, $4::date - (n / $2 / 3) as day, ((n::bigint * 40503) % 100)::int as h) as x`,
        [reports, units, drivers[0]!.id, today, config.timezone],
      );
      // Every item answered; a flagged report's first item carries its status and a remark.
      await client.query(
        `insert into p2h_report_details (report_id, checklist_item_id, section, item_name, status, keterangan)
         select r.id, i.id, i.section, i.item_name,
                case when i.id = first.id then r.overall_status else 'normal'::p2h_status end,
                case when i.id = first.id and r.overall_status <> 'normal' then 'Perlu dicek: aus' end
         from p2h_reports r cross join checklist_items i cross join (select min(id) as id from checklist_items where is_active) as first
         where i.is_active`,
      );
      // One defect per unit on that first item, named again by each of its flagged reports.
      await client.query(
        `insert into defects (vehicle_id, checklist_item_id, item_name, severity, status, remark, opened_at, opened_by_id, repaired_at, repair_note)
         select v.id, i.id, i.item_name, 'warning', 'repaired', 'Perlu dicek: aus', now() - interval '100 days', $1, now(), 'Diganti baru'
         from vehicles v, (select id, item_name from checklist_items where is_active order by id limit 1) as i`,
        [drivers[0]!.id],
      );
      await client.query(
        `insert into defect_events (defect_id, at, action, actor_id, note, report_id)
         select d.id, r.submitted_at, 'reported_again', r.user_id, 'Perlu dicek: aus', r.id
         from p2h_reports r join defects d on d.vehicle_id = r.vehicle_id where r.overall_status <> 'normal'`,
      );
      await client.query(`insert into defect_events (defect_id, at, action, actor_id, note) select id, now(), 'repaired', $1, 'Diganti baru' from defects`, [drivers[0]!.id]);
      for (const table of ['p2h_reports', 'p2h_report_details', 'defects', 'defect_events']) await client.query(`vacuum analyze ${table}`);
      const { rows } = await client.query<{ details: string; events: string }>(
        `select (select count(*) from p2h_report_details) as details, (select count(*) from defect_events where action = 'reported_again') as events`,
      );
      return rows[0]!;
    });
    console.log(`export-xlsx: seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${counts.details} answers, ${counts.events} defect rows)`);

    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const token = await login(baseUrl, drivers[0]!.phone);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const started = performance.now();
    let bytes = 0;
    let firstByteMs = 0;
    try {
      const response = await fetch(`${baseUrl}/api/exports/reports.xlsx?date_from=${from}&date_to=${today}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      for await (const chunk of response.body) {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += (chunk as Uint8Array).byteLength;
      }
    } finally {
      clearInterval(sample);
    }
    const seconds = (performance.now() - started) / 1000;
    const line =
      `export-xlsx: ${reports} reports (${counts.details} answers, ${counts.events} defect rows) → ${(bytes / MB).toFixed(1)} MB in ${seconds.toFixed(1)} s ` +
      `(first byte ${firstByteMs.toFixed(0)} ms); RSS ${(rssBefore / MB).toFixed(0)} MB before, peak ${(peakRss / MB).toFixed(0)} MB ` +
      `(+${((peakRss - rssBefore) / MB).toFixed(0)} MB), server and client in one process; ${loadAverage()}`;
    console.log(line);
    return line;
  } finally {
    await prepared.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runExportXlsxBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
