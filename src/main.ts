import { runCli } from './cli/run.js';
import { ALL_ROLES, runSystem } from './runtime.js';

/** `npm start`: HTTP API + web, notification worker, expiry scheduler and (with a token) the bot. */
await runCli((config) => runSystem(config, ALL_ROLES));
