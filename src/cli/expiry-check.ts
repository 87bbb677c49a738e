/**
 * `npm run expiry:check`: the document-expiry scan (STNK/KIR/pajak), once, now, with the same rules
 * as the daily schedule. Idempotent: an alert already queued for a document's threshold is not
 * queued again, so a second run queues nothing. Alerts are only written to the outbox here; the
 * running worker (npm start or npm run worker) delivers them.
 */
import { openDatabase } from '../db/open.js';
import { scanExpiringDocuments } from '../notifications/expiry-scan.js';
import { routeAdminAlert } from '../notifications/routing.js';
import { systemClock } from '../lib/clock.js';
import { buildServices } from '../services.js';
import { runCli } from './run.js';

await runCli(async (config) => {
  const database = await openDatabase(config);
  try {
    await database.migrate();
    // A one-shot command: it prints the summary below instead of logging.
    const services = buildServices({ config, database, clock: systemClock, log: { warn: () => {} } });
    const result = await scanExpiringDocuments(services, services.clock(), config.timezone);
    const where = database.kind === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL';
    console.log(`P2H — cek dokumen kedaluwarsa (STNK/KIR/pajak), ${result.today} ${config.timezone}, database: ${where}`);
    console.log(`   Dokumen yang habis dalam 30 hari atau sudah lewat: ${result.documents_checked}`);
    console.log(`✅ Alert baru dicatat: ${result.alerts_created}${result.alerts_created === 0 && result.documents_checked > 0 ? ' (alert untuk ambang saat ini sudah pernah dicatat)' : ''}`);
    if (result.alerts_created > 0) {
      const route = routeAdminAlert(config.telegram.chatId, config.telegram.botToken !== undefined);
      if (route.status === 'pending') {
        const worker = database.kind === 'pglite' ? 'npm start berikutnya' : 'worker yang berjalan (npm start / npm run worker)';
        console.log(`   Alert akan dikirim oleh ${worker} ke grup ${route.chatId}.`);
      } else {
        console.log(`   Alert tercatat sebagai "skipped" (${route.reason}): set TELEGRAM_BOT_TOKEN dan TELEGRAM_CHAT_ID agar terkirim.`);
      }
    }
    console.log('   Riwayat: GET /api/notifications?type=stnk_expiry (juga kir_expiry, pajak_expiry)');
  } finally {
    await database.close();
  }
});
