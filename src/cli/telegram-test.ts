/**
 * `npm run telegram:test -- [--chat ID]`: the seed's test_telegram_connection.py. Sends the test
 * message straight through the Bot API to TELEGRAM_CHAT_ID (or --chat) and says whether Telegram
 * accepted it. Exit code 0 only when the message was sent; 1 when it was not (or the settings are
 * missing); 2 for a wrong command line. Needs no database.
 */
import { Api, GrammyError } from 'grammy';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { applyEnvFile } from '../config/env-file.js';
import { networkReason, TIMEOUT_SECONDS } from './telegram-network.js';
import { renderTestMessage } from '../notifications/render.js';

/** The same rule as TELEGRAM_CHAT_ID: a numeric chat id (groups negative) or @channelname. */
const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;
const USAGE = 'Pemakaian: npm run telegram:test -- [--chat ID]   (ID: id chat numerik, grup negatif, atau @namachannel)';

const fail = (line: string, ...hints: string[]): never => {
  console.log(`❌ ${line}`);
  for (const hint of hints) console.log(`   • ${hint}`);
  process.exit(1);
};

const chatOption = readArguments();
const config = readConfig();
const token = config.telegram.botToken;
const hide = (text: string) => (token ? text.split(token).join('<TOKEN>') : text);

console.log('P2H — kirim pesan tes Telegram');
if (!token) fail('TELEGRAM_BOT_TOKEN belum diset: tidak ada bot untuk mengirim.', 'Buat bot di @BotFather (/newbot) lalu set TELEGRAM_BOT_TOKEN.');
const chatId = chatOption ?? config.telegram.chatId;
if (!chatId) fail('Tidak ada tujuan: TELEGRAM_CHAT_ID belum diset dan --chat tidak diberikan.', USAGE);
console.log(`   Tujuan: chat ${chatId} (${chatOption ? '--chat' : 'TELEGRAM_CHAT_ID'}), Bot API: ${config.telegram.apiRoot}`);

const api = new Api(token!, { apiRoot: config.telegram.apiRoot, timeoutSeconds: TIMEOUT_SECONDS });
try {
  const message = await api.sendMessage(chatId!, renderTestMessage(new Date(), config.timezone), {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
  });
  console.log(`✅ Pesan tes terkirim ke chat ${chatId} (message_id ${message.message_id}). Periksa chat tersebut di Telegram.`);
} catch (error) {
  explain(error, chatId!);
}

function explain(error: unknown, chat: string): never {
  const prefix = `Pesan tes TIDAK terkirim ke chat ${chat}`;
  if (!(error instanceof GrammyError)) {
    return fail(
      `${prefix}: Bot API di ${config.telegram.apiRoot} tidak dapat dihubungi (${hide(networkReason(error))}).`,
      `Pastikan server dapat mengakses ${new URL(config.telegram.apiRoot).host} (DNS, firewall, proxy) dan periksa TELEGRAM_API_ROOT.`,
    );
  }
  const reason = `${error.error_code} ${error.description}`;
  const retryAfter = error.parameters?.retry_after;
  const migrateTo = error.parameters?.migrate_to_chat_id;
  if (error.error_code === 429) {
    return fail(`${prefix}: ${reason}.`, `Telegram membatasi pengiriman; coba lagi setelah ${retryAfter ?? 'beberapa'} detik.`);
  }
  if (migrateTo !== undefined) {
    return fail(`${prefix}: ${reason}.`, `Grup sudah menjadi supergroup dengan id ${migrateTo}: pakai --chat ${migrateTo} dan perbarui TELEGRAM_CHAT_ID.`);
  }
  if (error.error_code === 401 || error.error_code === 404) {
    return fail(`${prefix}: token ditolak (${reason}).`, 'Salin ulang token dari @BotFather dan perbarui TELEGRAM_BOT_TOKEN; cek dengan npm run telegram:check.');
  }
  if (error.error_code === 403) {
    return fail(
      `${prefix}: ${reason}.`,
      'Untuk chat pribadi: user memblokir bot atau belum pernah menekan Start; minta user membuka bot dan menekan Start/Unblock.',
      'Untuk grup/channel: bot dikeluarkan atau tidak boleh mengirim; tambahkan bot lagi (di channel bot harus admin).',
    );
  }
  if (/chat not found/i.test(error.description)) {
    return fail(
      `${prefix}: ${reason}.`,
      'Bot belum ditambahkan ke grup, atau id salah (id grup negatif, supergroup diawali -100).',
      'Untuk chat pribadi: user harus membuka bot dan menekan Start lebih dulu.',
    );
  }
  return fail(`${prefix}: ${reason}.`);
}

/** `--chat ID`, `--chat=ID` (negative group ids included, which generic parsers take for options), `--help`. */
function readArguments(): string | undefined {
  const usageError = (message: string): never => {
    console.log(`❌ ${message}`);
    console.log(USAGE);
    process.exit(2);
  };
  const args = process.argv.slice(2);
  let chat: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    let value: string | undefined;
    if (arg === '--chat') {
      value = args[i + 1];
      i += 1;
      if (value === undefined) usageError('--chat butuh id chat.');
    } else if (arg.startsWith('--chat=')) {
      value = arg.slice('--chat='.length);
    } else {
      usageError(`Argumen tidak dikenal: ${arg}`);
    }
    if (chat !== undefined) usageError('--chat hanya boleh diberikan sekali.');
    chat = value!.trim();
    if (!CHAT_ID.test(chat)) usageError(`--chat "${chat}" bukan id chat yang valid.`);
  }
  return chat;
}

/**
 * The settings this command needs, checked by the same rules as `npm start`. Only the TELEGRAM_*
 * variables and P2H_TIMEZONE are read, so a missing JWT_SECRET or database does not get in the way.
 */
function readConfig(): Config {
  const pick = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID', 'TELEGRAM_API_ROOT', 'TELEGRAM_LINK_MODE', 'P2H_TIMEZONE'];
  try {
    applyEnvFile();
    return loadConfig({ P2H_DEMO: '1', ...Object.fromEntries(pick.map((name) => [name, process.env[name]])) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.log(`❌ ${problem}`);
    process.exit(1);
  }
}
