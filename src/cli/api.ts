import { runSystem } from '../runtime.js';
import { runCli } from './run.js';

/** `npm run api`: HTTP API + web alone (PostgreSQL only). */
await runCli((config) => runSystem(config, { http: true, worker: false, bot: false }));
