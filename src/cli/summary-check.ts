/**
 * `npm run summary:check`: queues today's daily summary now (to the group and to the linked admins
 * who want it), as the DAILY_SUMMARY_AT schedule does. Once a day: a second run, or one after the
 * schedule, says it was already queued. The running worker (npm start or npm run worker) delivers it.
 */
import { openDatabase } from '../db/open.js';
import { queueDailySummary } from '../notifications/daily-summary.js';
import { summaryDeps } from '../notifications/schedules.js';
import { systemClock } from '../lib/clock.js';
import { buildServices } from '../services.js';
import { runCli } from './run.js';

await runCli(async (config) => {
  const database = await openDatabase(config);
  try {
    await database.migrate();
    // A one-shot command: it prints what it did instead of logging.
    const services = buildServices({ config, database, clock: systemClock, log: { warn: () => {} } });
    const deps = summaryDeps(services, database.db, config);
    const result = await queueDailySummary(deps, services.clock(), config.timezone);
    const where = database.kind === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL';
    console.log(`P2H — ringkasan harian, ${result.today} ${config.timezone}, database: ${where}`);
    if (result.queued === 0) {
      console.log(`✅ Ringkasan hari ini (${result.today}) sudah pernah dicatat: tidak ada yang dicatat lagi.`);
    } else {
      console.log(`✅ Ringkasan dicatat: ${result.queued} pesan (grup dan admin yang menerimanya)${result.already_queued > 0 ? `; ${result.already_queued} sudah ada sebelumnya` : ''}`);
      if (deps.groupRoute.status === 'pending') {
        const worker = database.kind === 'pglite' ? 'npm start berikutnya' : 'worker yang berjalan (npm start / npm run worker)';
        console.log(`   Ringkasan akan dikirim oleh ${worker}.`);
      } else {
        console.log(`   Salinan untuk grup tercatat sebagai "skipped" (${deps.groupRoute.reason}): set TELEGRAM_BOT_TOKEN dan TELEGRAM_CHAT_ID agar terkirim.`);
      }
    }
    if (result.turned_off > 0) console.log(`   ${result.turned_off} admin mematikan ringkasan harian di preferensi notifikasi.`);
    console.log('   Riwayat: GET /api/notifications?type=daily_summary');
  } finally {
    await database.close();
  }
});
