/**
 * Try the bot end to end without Telegram: starts the fake Bot API, runs `npm start` (demo data,
 * embedded database in a temporary folder) against it, plays a driver linking their account and
 * then submitting an ABNORMAL P2H through the API, and prints what arrives in his chat.
 * Run: node --import tsx test/fake-telegram/try-bot.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TOKEN, startFakeTelegram, user } from './server.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-try-bot-'));
const fake = await startFakeTelegram({ maxPollSeconds: 2 });
const app = spawn('npm', ['start'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: '0', TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});

let output = '';
app.stdout!.on('data', (chunk: Buffer) => {
  output += chunk;
  process.stdout.write(chunk);
});

const budi = user(424242, { first_name: 'Budi', username: 'budi_driver' });
const say = (text: string) => {
  fake.reset(); // show only the answer to this step
  console.log(`\n👤 Budi: ${text}`);
};
const show = async (pattern: RegExp) => {
  const message = await fake.waitForMessage({ chatId: budi.id, text: pattern }, 60_000);
  console.log(`🤖 Bot:\n${message.text.replace(/^/gm, '   ')}`);
  if (message.reply_markup) console.log(`   [keyboard: ${JSON.stringify(message.reply_markup)}]`);
};

try {
  await fake.waitForCalls('getUpdates', 1, 120_000);
  say('/start 0811-0000-0003');
  fake.sendText({ from: budi, text: '/start 0811-0000-0003' });
  await show(/Bagikan Nomor Saya/);
  say('(taps "📱 Bagikan Nomor Saya": Telegram sends his own contact, +62 811-0000-0003)');
  fake.sendContact({ from: budi, contact: { phone_number: '6281100000003', first_name: 'Budi' } });
  await show(/Berhasil Terhubung/);
  say('/status');
  fake.sendText({ from: budi, text: '/status' });
  await show(/Chat ini terhubung/);

  const address = /open (http:\/\/[\d.:]+)/.exec(output)?.[1];
  if (!address) throw new Error('no address in npm start output');
  const post = async (url: string, body: unknown, token?: string) =>
    (await fetch(`${address}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as { payload: any; message: string };
  const login = await post('/api/auth/login', { username: '081100000003', password: 'demo12345' });
  const token = login.payload.access_token as string;
  const items = ((await fetch(`${address}/api/checklist?vehicle_id=1`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as { payload: { id: number }[] }).payload;
  const details = items.map((item, i) =>
    i === 4 ? { checklist_item_id: item.id, status: 'abnormal', keterangan: 'Rem depan tidak pakem <bahaya> & bunyi' } : { checklist_item_id: item.id, status: 'normal' },
  );
  fake.reset();
  // No shift_number: the server takes the slot the clock is in (a driver may file no other).
  const report = await post('/api/p2h/reports', { vehicle_id: 1, details }, token);
  console.log(`\n🌐 POST /api/p2h/reports → ${report.message} (notification: ${JSON.stringify(report.payload.notifications)})`);
  await show(/HASIL P2H/);
} finally {
  process.kill(-app.pid!, 'SIGTERM');
  await new Promise((resolve) => app.on('exit', resolve));
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
