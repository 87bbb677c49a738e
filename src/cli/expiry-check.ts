/**
 * `npm run expiry:check`: the document-expiry check (STNK/KIR/pajak), once, now, with the same rules
 * as the daily schedule and in its mode (EXPIRY_ALERT_MODE): `digest` queues today's digest unless it
 * is already queued; `each` queues the alert each document is due. Idempotent: a second run queues
 * nothing. Messages are only written to the outbox here; the running worker (npm start or npm run
 * worker) delivers them.
 */
import { openDatabase } from '../db/open.js';
import { runExpiryAlerts } from '../notifications/schedules.js';
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
    const result = await runExpiryAlerts(services, database.db, config, services.clock());
    const where = database.kind === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL';
    console.log(`P2H — cek dokumen kedaluwarsa (STNK/KIR/pajak), ${result.today} ${config.timezone}, database: ${where}, mode: ${result.mode}`);
    let queued: number;
    if (result.mode === 'digest') {
      queued = result.messages_queued;
      if (result.already_queued) console.log(`✅ Rekap dokumen hari ini (${result.today}) sudah pernah dicatat: tidak ada yang dicatat lagi.`);
      else if (queued === 0) console.log('✅ Tidak ada dokumen yang mencapai batas pengingat hari ini atau sudah habis: tidak ada rekap.');
      else console.log(`✅ Rekap dokumen dicatat: ${result.documents_listed} dokumen dalam ${queued} pesan`);
    } else {
      queued = result.alerts_created;
      console.log(`   Dokumen yang habis dalam 30 hari atau sudah lewat: ${result.documents_checked}`);
      console.log(`✅ Alert baru dicatat: ${queued}${queued === 0 && result.documents_checked > 0 ? ' (alert untuk ambang saat ini sudah pernah dicatat)' : ''}`);
    }
    if (queued > 0) {
      const what = result.mode === 'digest' ? 'Rekap' : 'Alert';
      const route = routeAdminAlert(config.telegram.chatId, config.telegram.botToken !== undefined);
      if (route.status === 'pending') {
        const worker = database.kind === 'pglite' ? 'npm start berikutnya' : 'worker yang berjalan (npm start / npm run worker)';
        console.log(`   ${what} akan dikirim oleh ${worker} ke grup ${route.chatId}.`);
      } else {
        console.log(`   ${what} tercatat sebagai "skipped" (${route.reason}): set TELEGRAM_BOT_TOKEN dan TELEGRAM_CHAT_ID agar terkirim.`);
      }
    }
    console.log(
      result.mode === 'digest'
        ? '   Riwayat: GET /api/notifications?type=expiry_digest'
        : '   Riwayat: GET /api/notifications?type=stnk_expiry (juga kir_expiry, pajak_expiry)',
    );
  } finally {
    await database.close();
  }
});
