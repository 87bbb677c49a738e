import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_FOLDER, openPglite, openPostgres, type Database } from '../../src/db/client.js';

export const DB_KINDS = ['postgres', 'pglite'] as const;
export type DbKind = (typeof DB_KINDS)[number];

/** Server used to create throw-away databases; CI and developers have PostgreSQL here. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** postgres:// URL for the PostgreSQL kind (other processes can connect), undefined for PGlite. */
  url: string | undefined;
}

// A new in-memory PGlite runs initdb (a second WebAssembly PostgreSQL) and then every migration: seconds
// of CPU each, dozens of times per run. So each test process migrates one PGlite through the real
// migrations once, dumps its data directory, and starts every further PGlite from that dump.
let migratedPglite: Promise<Blob> | undefined;
function migratedPgliteDump(): Promise<Blob> {
  migratedPglite ??= (async () => {
    const client = new PGlite();
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      return await client.dumpDataDir('none');
    } finally {
      await client.close();
    }
  })();
  return migratedPglite;
}

/** A fresh, migrated database of its own, so test files run in parallel without sharing state. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openPglite(undefined, { from: await migratedPgliteDump() });
    await database.migrate(); // nothing left to apply: checks the dump is up to date with the migrations

    return { ...database, url: undefined };
  }
  const name = `p2h_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { poolSize: 10 });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
