import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_FOLDER, openPglite, openPostgres, type Database, type PgliteArtifacts } from '../../src/db/client.js';

const require = createRequire(import.meta.url);

export const DB_KINDS = ['postgres', 'pglite'] as const;
export type DbKind = (typeof DB_KINDS)[number];

/** Server used to create throw-away databases; CI and developers have PostgreSQL here. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** postgres:// URL for the PostgreSQL kind (other processes can connect), undefined for PGlite. */
  url: string | undefined;
}

// A new in-memory PGlite runs initdb (a second WebAssembly PostgreSQL) and then every migration: seconds
// of CPU each (18-30 s on the loaded 2-core machine), dozens of times per run. So one PGlite is migrated
// through the real migrations, its data directory dumped, and every further PGlite starts from that dump.
// The dump is shared between test processes as a file named after the migrations and the PGlite version
// (written under a temporary name, then renamed, so a reader never sees half a file).
let migratedPglite: Promise<Blob> | undefined;
function migratedPgliteDump(): Promise<Blob> {
  migratedPglite ??= (async () => {
    const version = (JSON.parse(fs.readFileSync(path.resolve(path.dirname(require.resolve('@electric-sql/pglite')), '../package.json'), 'utf8')) as { version: string }).version;
    const file = path.join(os.tmpdir(), `p2h-test-pglite-${version}-${templateName()}.tar`);
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    const client = new PGlite();
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      const dump = await client.dumpDataDir('none');
      const partial = `${file}.${process.pid}`;
      fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(partial, file);
      return dump;
    } finally {
      await client.close();
    }
  })();
  return migratedPglite;
}

// A test process opens many PGlites (test/support/shard.ts runs many files in one process): compile the
// WebAssembly and read the file bundle once, not at every start.
let pgliteArtifacts: Promise<PgliteArtifacts> | undefined;
// The root tsconfig has no DOM library, and Node's types declare WebAssembly's types but not the global.
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;
function compiledPglite(): Promise<PgliteArtifacts> {
  pgliteArtifacts ??= (async () => {
    const dist = path.dirname(require.resolve('@electric-sql/pglite'));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all(
      ['pglite.wasm', 'initdb.wasm'].map((name) => wasm.compile(fs.readFileSync(path.join(dist, name)))),
    );
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([fs.readFileSync(path.join(dist, 'pglite.data'))]) };
  })();
  return pgliteArtifacts;
}

/**
 * Name of a PostgreSQL template database migrated by exactly the migrations in drizzle/ (their content
 * is in the name, so a changed or new migration gets a template of its own, never a stale one).
 */
function templateName(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(MIGRATIONS_FOLDER, full)}\0`).update(fs.readFileSync(full));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return `p2h_test_template_${hash.digest('hex').slice(0, 16)}`;
}

// Migrating a new PostgreSQL database costs about a second; copying a migrated template is far
// cheaper. The template is built once per migration set by whichever test process comes first
// (an advisory lock keeps the others waiting), through the real migrations, then never changed.
let postgresTemplate: Promise<string> | undefined;
function migratedPostgresTemplate(): Promise<string> {
  postgresTemplate ??= (async () => {
    const name = templateName();
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_building`;
        await admin.query(`drop database if exists ${building} with (force)`);
        await admin.query(`create database ${building}`);
        const url = new URL(ADMIN_DATABASE_URL);
        url.pathname = `/${building}`;
        const database = openPostgres(url.toString(), { poolSize: 1 });
        try {
          await database.migrate();
        } finally {
          await database.close();
        }
        // Published under its final name only once fully migrated. The migration's backend may take a
        // moment to exit after its client left (55006: "being accessed by other users").
        for (let attempt = 1; ; attempt++) {
          try {
            await admin.query(`alter database ${building} rename to ${name}`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      }
      return name;
    } finally {
      await admin.end(); // also releases the advisory lock
    }
  })();
  return postgresTemplate;
}

/** A fresh, migrated database of its own, so test files run in parallel without sharing state. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openPglite(undefined, { from: await migratedPgliteDump(), artifacts: await compiledPglite() });
    await database.migrate(); // nothing left to apply: checks the dump is up to date with the migrations

    return { ...database, url: undefined };
  }
  const name = `p2h_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = await migratedPostgresTemplate();
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { poolSize: 10 });
  await database.migrate(); // nothing left to apply: checks the copy is up to date with the migrations
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
