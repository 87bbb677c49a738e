/**
 * import-vehicles: `POST /api/imports/vehicles` over HTTP against the real app on real PostgreSQL with
 * an .xlsx of 5 000 units (each with STNK, KIR and pajak dates): the dry run, the real run (5 000
 * units, 15 000 documents and 10 000 audit rows in one transaction) and the same file again (all
 * unchanged, nothing written). Prints the time of each and the process's peak RSS during it (sampled
 * every 20 ms; server and client share the process).
 *
 *   npm run bench -- import          # BENCH_IMPORT_UNITS=10000 for the largest sheet taken
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { VEHICLE_COLUMNS } from '../src/imports/values.js';
import { envCount, loadAverage, type NotifyOutcome } from './notify-support.js';
import { login, prepareBench } from './support.js';

const MB = 2 ** 20;

async function unitsWorkbook(units: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Unit');
  sheet.addRow([...VEHICLE_COLUMNS]);
  const date = (n: number, offset: number) => new Date(Date.UTC(2027, (n + offset) % 12, 1 + ((n * 7) % 28)));
  for (let n = 1; n <= units; n += 1) {
    sheet.addRow([`IMP.${n}`, `KT ${1000 + (n % 9000)} IM`, n % 3 === 0 ? 'Bus' : 'Light Vehicle', n % 2 === 0 ? 'shift' : 'non_shift', 'Toyota', date(n, 0), date(n, 4), date(n, 8)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function runImportVehiclesBench(): Promise<NotifyOutcome> {
  const units = envCount('BENCH_IMPORT_UNITS', 5000);
  const prepared = await prepareBench({ drivers: 1, vehicles: 0, poolSize: 5 });
  try {
    const { app, drivers } = prepared;
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const token = await login(baseUrl, drivers[0]!.phone); // the bench's users are admins
    const file = await unitsWorkbook(units);

    const run = async (label: string, dryRun: boolean, expect: (payload: Record<string, number>) => boolean) => {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = performance.now();
      let payload: Record<string, number>;
      try {
        const form = new FormData();
        form.append('file', new Blob([file]), 'units.xlsx');
        const response = await fetch(`${baseUrl}/api/imports/vehicles${dryRun ? '?dry_run=true' : ''}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
        const body = (await response.json()) as { payload: Record<string, number> };
        if (response.status !== 200) throw new Error(`${label} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
        payload = body.payload;
      } finally {
        clearInterval(sample);
      }
      const seconds = (performance.now() - started) / 1000;
      if (!expect(payload)) throw new Error(`${label}: unexpected result ${JSON.stringify({ create: payload.create, update: payload.update, unchanged: payload.unchanged })}`);
      const line = `import-vehicles ${label}: ${units} units in ${seconds.toFixed(2)} s, RSS ${(rssBefore / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB (+${((peak - rssBefore) / MB).toFixed(0)} MB)`;
      console.log(line);
      return line;
    };

    console.log(`import-vehicles: ${units} units, ${(file.length / 1024).toFixed(0)} KB .xlsx; ${loadAverage()}`);
    const figures = [
      await run('dry run', true, (p) => p.create === units),
      await run('real run', false, (p) => p.create === units),
      await run('re-import', false, (p) => p.unchanged === units),
    ];
    return { results: [], figures };
  } finally {
    await prepared.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runImportVehiclesBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
