/**
 * `npm run telegram:check`: the seed's check_telegram_config.py. Asks the Bot API whether the
 * Telegram settings work — token (getMe), webhook (getWebhookInfo), default group (getChat) — and
 * prints one ✅/❌ line per check. Exit code 0 only when everything is in order; 1 otherwise.
 * Needs no database: only the TELEGRAM_* variables (and P2H_TIMEZONE) are read.
 */
import { Api, GrammyError } from 'grammy';
import type { ChatFullInfo } from 'grammy/types';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { applyEnvFile } from '../config/env-file.js';
import { networkReason, TIMEOUT_SECONDS } from './telegram-network.js';


const problems: string[] = [];
const ok = (line: string) => console.log(`✅ ${line}`);
const bad = (line: string, ...hints: string[]) => {
  problems.push(line);
  console.log(`❌ ${line}`);
  for (const hint of hints) console.log(`   • ${hint}`);
};
const note = (line: string) => console.log(`   ${line}`);
/** Worth knowing but not wrong: the seed calls it optional, so the exit code stays 0. */
const warnings: string[] = [];
const warn = (line: string, ...hints: string[]) => {
  warnings.push(line);
  console.log(`⚠️ ${line}`);
  for (const hint of hints) console.log(`   • ${hint}`);
};

const telegram = readTelegramConfig();
const token = telegram.botToken;
const hide = (text: string) => (token ? text.split(token).join(maskToken(token)) : text);

console.log('P2H — cek konfigurasi Telegram');
console.log(`   TELEGRAM_API_ROOT : ${telegram.apiRoot}`);
console.log(`   TELEGRAM_LINK_MODE: ${telegram.linkMode}${telegram.linkMode === 'phone' ? ' (tanpa verifikasi kontak: siapa pun yang tahu nomor HP dapat menghubungkan akun)' : ' (nomor HP dikonfirmasi dengan kontak Telegram sendiri)'}`);
console.log('');

if (!token) {
  bad('TELEGRAM_BOT_TOKEN belum diset: bot dan pengiriman notifikasi nonaktif (notifikasi tercatat "skipped").', 'Buat bot di @BotFather (/newbot) lalu set TELEGRAM_BOT_TOKEN.');
} else {
  ok(`TELEGRAM_BOT_TOKEN diset (${maskToken(token)})`);
  const api = new Api(token, { apiRoot: telegram.apiRoot, timeoutSeconds: TIMEOUT_SECONDS });
  if (await checkToken(api)) {
    await checkWebhook(api);
    if (telegram.chatId) await checkChat(api, telegram.chatId);
  } else {
    note('(pemeriksaan webhook dan TELEGRAM_CHAT_ID dilewati karena getMe gagal)');
  }
}
if (!telegram.chatId) {
  warn(
    'TELEGRAM_CHAT_ID belum diset: alert dokumen (STNK/KIR/pajak) dan notifikasi user yang belum link Telegram tidak punya tujuan (tercatat "skipped").',
    'Tambahkan bot ke grup admin, lalu set TELEGRAM_CHAT_ID ke id grup (negatif, mis. -1001234567890).',
  );
}

console.log('');
if (problems.length === 0) {
  console.log(warnings.length === 0 ? 'Hasil: semua baik ✅' : `Hasil: baik ✅, dengan ${warnings.length} peringatan ⚠️`);
} else {
  console.log(`Hasil: ${problems.length} masalah ❌`);
  process.exitCode = 1;
}

/** getMe: is the token accepted? */
async function checkToken(api: Api): Promise<boolean> {
  try {
    const me = await api.getMe();
    ok(`Token valid: bot @${me.username} (id ${me.id}, "${me.first_name}")`);
    return true;
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      bad(
        `Token ditolak oleh Telegram (${error.error_code} ${error.description}).`,
        'Salin ulang token dari @BotFather (/mybots → API Token); jika token di-revoke, pakai token yang baru.',
        'Perbarui TELEGRAM_BOT_TOKEN lalu restart layanan P2H.',
      );
    } else {
      reportFailure('getMe', error);
    }
    return false;
  }
}

/** getWebhookInfo: a webhook would swallow the updates the long-polling bot waits for. */
async function checkWebhook(api: Api): Promise<void> {
  try {
    const info = await api.getWebhookInfo();
    if (info.url) {
      bad(
        `Webhook aktif (${hide(info.url)}): bot P2H memakai long polling dan tidak akan menerima pesan selama webhook terpasang.`,
        `Hapus webhook: curl "${telegram.apiRoot}/bot<TOKEN>/deleteWebhook"`,
        ...(info.last_error_message ? [`Error terakhir webhook: ${info.last_error_message}`] : []),
      );
    } else {
      ok('Tidak ada webhook: long polling dapat dipakai');
    }
    note(`Update tertunda (pending_update_count): ${info.pending_update_count}${info.pending_update_count > 0 && !info.url ? ' — akan diambil bot saat berjalan (npm start / npm run bot)' : ''}`);
  } catch (error) {
    reportFailure('getWebhookInfo', error);
  }
}

/** getChat: is the default group (TELEGRAM_CHAT_ID) known to the bot? */
async function checkChat(api: Api, chatId: string): Promise<void> {
  try {
    const chat = await api.getChat(chatId);
    ok(`TELEGRAM_CHAT_ID ${chatId} dapat dijangkau: ${describeChat(chat)}`);
    if (chat.type === 'private') note('Ini chat pribadi, bukan grup: alert admin dan fallback akan masuk ke satu orang saja.');
    if (chat.type === 'channel') note('Ini channel: bot harus menjadi admin channel agar dapat mengirim.');
    note('Untuk memastikan bot boleh mengirim ke chat ini: npm run telegram:test');
  } catch (error) {
    if (error instanceof GrammyError) {
      const migrateTo = error.parameters?.migrate_to_chat_id;
      if (migrateTo !== undefined) {
        bad(
          `TELEGRAM_CHAT_ID ${chatId}: grup sudah di-upgrade menjadi supergroup (${error.description}).`,
          `Id barunya ${migrateTo}: set TELEGRAM_CHAT_ID=${migrateTo} lalu restart layanan P2H.`,
        );
        return;
      }
      bad(`TELEGRAM_CHAT_ID ${chatId} tidak dapat dijangkau: ${error.error_code} ${error.description}`, ...chatHints(chatId, error));
      return;
    }
    reportFailure('getChat', error);
  }
}

function chatHints(chatId: string, error: GrammyError): string[] {
  if (error.error_code === 403) {
    return ['Bot sudah dikeluarkan dari grup atau diblokir: tambahkan bot ke grup lagi (atau buka blokirnya).'];
  }
  const hints = [
    'Bot belum ditambahkan ke grup, atau sudah dikeluarkan dari grup.',
    'Id salah: id grup negatif, id supergroup diawali -100 (mis. -1001234567890). Cari chat.id di getUpdates setelah mengirim pesan di grup.',
    'Grup di-upgrade menjadi supergroup: id lama tidak berlaku lagi; pakai id baru yang diawali -100.',
  ];
  if (!chatId.startsWith('-')) hints.push('Untuk chat pribadi: user harus membuka bot dan menekan Start lebih dulu.');
  return hints;
}

function describeChat(chat: ChatFullInfo): string {
  const name = chat.title ?? [chat.first_name, chat.last_name].filter(Boolean).join(' ');
  const username = chat.username ? ` @${chat.username}` : '';
  return `"${name}"${username} (${chat.type})`;
}

/** Anything but a clear answer from Telegram: the network, a timeout, a proxy, a server error. */
function reportFailure(method: string, error: unknown): void {
  if (error instanceof GrammyError) {
    bad(`${method} gagal: ${error.error_code} ${error.description}`);
    return;
  }
  const reason = hide(networkReason(error));
  bad(
    `Tidak dapat menghubungi Bot API di ${telegram.apiRoot} (${method}: ${reason}).`,
    `Pastikan server dapat mengakses ${new URL(telegram.apiRoot).host} (DNS, firewall, proxy).`,
    'Periksa TELEGRAM_API_ROOT (kosongkan untuk https://api.telegram.org).',
  );
}

/** "123456:AAAA…wxyz" → "123456:****wxyz": enough to tell tokens apart, not enough to use one. */
function maskToken(value: string): string {
  const [id, secret = ''] = value.split(':');
  return `${id}:****${secret.slice(-4)}`;
}

/**
 * The Telegram settings, checked by the same rules as `npm start`. Only the TELEGRAM_* variables
 * and P2H_TIMEZONE are read, so a missing JWT_SECRET or database does not get in the way.
 */
function readTelegramConfig(): Config['telegram'] {
  const pick = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID', 'TELEGRAM_API_ROOT', 'TELEGRAM_LINK_MODE', 'P2H_TIMEZONE'];
  try {
    applyEnvFile();
    return loadConfig({ P2H_DEMO: '1', ...Object.fromEntries(pick.map((name) => [name, process.env[name]])) }).telegram;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.log('P2H — cek konfigurasi Telegram');
    for (const problem of error.problems) console.log(`❌ ${problem}`);
    console.log('');
    console.log(`Hasil: ${error.problems.length} masalah ❌`);
    process.exit(1);
  }
}
