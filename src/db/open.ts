import type { Config } from '../config/config.js';
import { openPglite, openPostgres, type Database } from './client.js';

/** PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in DATA_DIR. */
export function openDatabase(config: Config, onError?: (error: Error) => void): Promise<Database> {
  return config.databaseUrl ? Promise.resolve(openPostgres(config.databaseUrl, { onError })) : openPglite(config.dataDir);
}
