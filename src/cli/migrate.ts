import { openDatabase } from '../db/open.js';
import { runCli } from './run.js';

await runCli(async (config) => {
  const database = await openDatabase(config);
  try {
    await database.migrate();
    console.log(`Migrations applied (${database.kind}${database.kind === 'pglite' ? ` in ${config.dataDir}` : ''}).`);
  } finally {
    await database.close();
  }
});
