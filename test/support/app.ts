import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp, type App, type Clock } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { hash } from '@node-rs/argon2';
import { users, type Role } from '../../src/users/schema.js';
import { vehicles, type ShiftType } from '../../src/vehicles/schema.js';
import { searchKey } from '../../src/vehicles/unit-code.js';
import { createTestDatabase, DB_KINDS, type DbKind, type TestDatabase } from './db.js';

export interface TestContext {
  kind: DbKind;
  app: App;
  database: TestDatabase;
  config: Config;
  /** Settable clock: tests move time to pick operational days and slots. */
  clock: { now: Date };
  request(options: RequestOptions): Promise<TestResponse>;
  /** Creates a user straight in the database and returns its id and a bearer token. */
  createUser(role: Role, overrides?: Partial<{ phone: string; password: string; name: string; email: string }>): Promise<TestUser>;
  createVehicle(overrides?: Partial<{ unitCode: string; plate: string; vehicleType: string; shiftType: ShiftType; active: boolean }>): Promise<number>;
}

export interface TestUser {
  id: number;
  phone: string;
  password: string;
  token: string;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this text as the body as is (malformed JSON tests). */
  rawBody?: string;
}

export interface TestResponse {
  status: number;
  body: { success: boolean; message: string; payload: any };
  headers: Record<string, unknown>;
}

// Photos and other local state go to a folder of this test process, never the checkout's ./data.
const TEST_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-test-data-'));
process.on('exit', () => fs.rmSync(TEST_DATA_DIR, { recursive: true, force: true }));
const TEST_ENV = { JWT_SECRET: 'test-secret-that-is-at-least-32-characters', P2H_DEMO: '0', DATA_DIR: TEST_DATA_DIR };

// Argon2 at production cost (19 MiB, 2 passes) is slow on purpose, and every login in a test pays it again
// on verify, because verify reads the cost from the hash. Users made here get a real argon2id hash at the
// cheapest cost instead: login runs the same code (verifyPassword) and only does less work. Users made
// through the API (POST /api/users) still get the production cost, and tests of that path see it.
const CHEAP_ARGON2ID = { algorithm: 2, memoryCost: 64, timeCost: 1, parallelism: 1 } as const;
const passwordHashes = new Map<string, Promise<string>>();
export function testPasswordHash(password: string): Promise<string> {
  let hashed = passwordHashes.get(password);
  if (!hashed) {
    hashed = hash(password, CHEAP_ARGON2ID);
    passwordHashes.set(password, hashed);
  }
  return hashed;
}

let phoneCounter = 0;
/** Unique, valid Indonesian mobile numbers for test users. */
export function nextPhone(): string {
  phoneCounter += 1;
  return `0812${String(process.pid % 10000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export async function startTestApp(
  kind: DbKind,
  env: Record<string, string> = {},
  options: { logger?: FastifyBaseLogger } = {},
): Promise<TestContext & { close(): Promise<void> }> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({ ...TEST_ENV, ...env });
  const clock = { now: new Date('2026-01-21T06:42:00+08:00') };
  const app = await buildApp({ config, database, jwtSecret: config.jwtSecret!, clock: (() => clock.now) as Clock, logger: options.logger });
  await app.services.checklist.installDefaults();
  await app.http.ready();

  const request = async (options: RequestOptions): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await app.http.inject({ method: options.method, url: options.url, headers, payload });
    let body: TestResponse['body'];
    try {
      body = response.json();
    } catch {
      assert.fail(`${options.method} ${options.url} answered ${response.statusCode} with a body that is not JSON: ${response.body.slice(0, 200)}`);
    }
    return { status: response.statusCode, body, headers: response.headers };
  };

  const context: TestContext = {
    kind,
    app,
    database,
    config,
    clock,
    request,
    async createUser(role, overrides = {}) {
      const phone = overrides.phone ?? nextPhone();
      const password = overrides.password ?? 'password-123';
      const { normalizePhone } = await import('../../src/users/phone.js');
      const e164 = normalizePhone(phone);
      assert.ok(e164.ok, `test phone ${phone} is valid`);
      const [row] = await database.db
        .insert(users)
        .values({
          fullName: overrides.name ?? `Test ${role} ${phone.slice(-4)}`,
          phoneNumber: e164.e164,
          email: overrides.email ?? null,
          role,
          passwordHash: await testPasswordHash(password),
        })
        .returning();
      const token = (app.http as any).jwt.sign({ sub: String(row!.id), tv: 0 }) as string;
      return { id: row!.id, phone, password, token };
    },
    async createVehicle(overrides = {}) {
      const unitCode = overrides.unitCode ?? `T.${Math.floor(Math.random() * 1e6)}`;
      const plate = overrides.plate ?? 'KT 1234 AB';
      const [row] = await database.db
        .insert(vehicles)
        .values({
          unitCode,
          unitCodeKey: searchKey(unitCode),
          plateNumber: plate,
          plateKey: searchKey(plate),
          vehicleType: overrides.vehicleType ?? 'Light Vehicle',
          shiftType: overrides.shiftType ?? 'shift',
          isActive: overrides.active ?? true,
        })
        .returning({ id: vehicles.id });
      return row!.id;
    },
  };
  return {
    ...context,
    async close() {
      await app.http.close();
      await database.close();
    },
  };
}

/** Runs the same suite against real PostgreSQL and embedded PGlite, each with a fresh database. */
export function describeEachDatabase(title: string, suite: (ctx: () => TestContext) => void, env: Record<string, string> = {}) {
  for (const kind of DB_KINDS) {
    describe(`${title} [${kind}]`, () => {
      let context: (TestContext & { close(): Promise<void> }) | undefined;
      before(async () => {
        context = await startTestApp(kind, env);
      });
      after(async () => {
        await context?.close();
      });
      suite(() => {
        assert.ok(context, 'test app started');
        return context;
      });
    });
  }
}

