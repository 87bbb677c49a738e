import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { lockDataDir } from './lock.js';
import { initPgliteDataDir, PGLITE_START_PARAMS } from './pglite-init.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; features are written against this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A plain connection or an open transaction: data-access functions accept either. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs pending migrations; safe to call from several processes at once on PostgreSQL. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** LISTEN on a channel; calls back on every NOTIFY. Returns the function that stops listening. */
  listen(channel: string, onNotify: () => void, onError?: (error: Error) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Any constant works; it only has to be the same in every P2H process.
const MIGRATION_LOCK_KEY = 720_2026;

export function openPostgres(url: string, options: { poolSize?: number; onError?: (e: Error) => void } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (error) => options.onError?.(error));
  // pg-pool listens for errors only on idle clients: a client inside a transaction whose connection
  // dies would emit 'error' with no listener and kill the process. The query itself already
  // rejects, and the pool discards the dead client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        await client.end();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async listen(channel, onNotify, onError) {
      return listenWithReconnect(url, channel, onNotify, onError);
    },
    async close() {
      await pool.end();
    },
  };
}

export type PgliteArtifacts = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>;

/**
 * dataDir undefined: in memory (tests). Otherwise the folder is locked against a second process.
 * `from` (in memory only): start from a data directory dumped by `dumpPglite`, skipping initdb, which is
 * most of the start-up cost; the tests open dozens of databases from one migrated dump this way.
 * `artifacts`: PGlite's WebAssembly compiled once and its file bundle read once, for a process that
 * opens many databases (a test process); without them each start compiles ~9 MB of WebAssembly again.
 */
export async function openPglite(dataDir: string | undefined, options: { from?: Blob; artifacts?: PgliteArtifacts } = {}): Promise<Database> {
  const release = dataDir === undefined ? () => {} : lockDataDir(dataDir);
  try {
    if (dataDir !== undefined) await initPgliteDataDir(`${dataDir}/pglite`);
    const client =
      dataDir === undefined
        ? new PGlite({ startParams: PGLITE_START_PARAMS, ...options.artifacts, ...(options.from ? { loadDataDir: options.from } : {}) })
        : new PGlite(`${dataDir}/pglite`, { startParams: PGLITE_START_PARAMS });
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      async migrate() {
        await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
      },
      async ping() {
        await db.execute(sql`select 1`);
      },
      async listen(channel, onNotify) {
        const unsubscribe = await client.listen(channel, () => onNotify());
        return async () => {
          await unsubscribe();
        };
      },
      async close() {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A dedicated connection for LISTEN. When it drops (database restart) it reconnects with backoff;
 * callers keep a slow poll as well, so a notification missed in between only delays delivery.
 */
async function listenWithReconnect(url: string, channel: string, onNotify: () => void, onError?: (error: Error) => void) {
  let client: pg.Client | undefined;
  let stopped = false;
  let delay = 1_000;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', () => onNotify());
    next.on('error', (error) => {
      onError?.(error);
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      setTimeout(() => void connect().catch(() => {}), delay).unref();
      delay = Math.min(delay * 2, 30_000);
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      client = next;
      delay = 1_000;
      onNotify(); // anything written while we were not listening
    } catch (error) {
      next.emit('error', error);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

/** PostgreSQL's error code for a unique violation, looked up through drizzle's wrapping. */
export function uniqueViolation(error: unknown): { constraint: string | undefined } | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === '23505') {
      return { constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined };
    }
    current = candidate.cause;
  }
  return undefined;
}
