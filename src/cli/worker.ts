import { runSystem } from '../runtime.js';
import { runCli } from './run.js';

/** `npm run worker`: notification delivery and the expiry scheduler (PostgreSQL only; run as many as you like). */
await runCli((config) => runSystem(config, { http: false, worker: true, bot: false }));
