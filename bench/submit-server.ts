/**
 * The submit benchmark's server: the real app (`buildApp`, logger off) alone in its own Node
 * process, as `npm start` serves it, so that its CPU time and a `--cpu-prof` profile are the
 * server's and not the load generator's (bench/submit.ts runs the clients in the parent).
 *
 * Started by bench/submit.ts with an IPC channel and BENCH_SERVER_DATABASE_URL,
 * BENCH_SERVER_JWT_SECRET, BENCH_SERVER_POOL_SIZE in its environment. Messages:
 *   → parent {type: 'listening', port}     once listening on 127.0.0.1
 *   ← parent {type: 'cpu'} → {type: 'cpu', usage, elu}   process.cpuUsage() and the event loop's
 *                                          busy/idle times (performance.eventLoopUtilization()) now
 *   ← parent {type: 'stop'}                closes the app and the pool, then exits 0
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { openPostgres } from '../src/db/client.js';

type Message = { type: 'cpu' } | { type: 'stop' };

const url = process.env.BENCH_SERVER_DATABASE_URL;
const jwtSecret = process.env.BENCH_SERVER_JWT_SECRET;
const poolSize = Number(process.env.BENCH_SERVER_POOL_SIZE ?? '10');
if (!url || !jwtSecret || !process.send) {
  console.error('bench/submit-server.ts is started by bench/submit.ts (IPC channel and BENCH_SERVER_* variables)');
  process.exit(2);
}
const send = (message: unknown) => process.send!(message);

const database = openPostgres(url, { poolSize, onError: (e) => console.error('bench server pool error:', e.message) });
const config = loadConfig({ JWT_SECRET: jwtSecret, P2H_DEMO: '0', DATABASE_URL: url, LOG_LEVEL: 'silent' });
const app = await buildApp({ config, database, jwtSecret, logger: false });
await app.http.listen({ port: 0, host: '127.0.0.1' });

process.on('message', (message: Message) => {
  if (message.type === 'cpu') send({ type: 'cpu', usage: process.cpuUsage(), elu: performance.eventLoopUtilization() });
  if (message.type === 'stop') {
    // process.exit (not a natural end) also writes the --cpu-prof profile.
    void app.http
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  }
});
// The parent gone (crash, Ctrl-C): nothing left to serve.
process.on('disconnect', () => process.exit(0));
send({ type: 'listening', port: (app.http.server.address() as AddressInfo).port });
