import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/db/client.js';

export const DB_KINDS = ['postgres', 'pglite'] as const;
export type DbKind = (typeof DB_KINDS)[number];

/** Server used to create throw-away databases; CI and developers have PostgreSQL here. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** postgres:// URL for the PostgreSQL kind (other processes can connect), undefined for PGlite. */
  url: string | undefined;
}

/** A fresh, migrated database of its own, so test files run in parallel without sharing state. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openPglite(undefined);
    await database.migrate();
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
