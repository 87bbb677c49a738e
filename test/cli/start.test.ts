import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', P2H_ENV_FILE: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs = 180_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = started.output().match(pattern);
    if (match) return match;
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`did not see ${pattern} in:\n${started.output()}`);
}

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { payload: any } };
}

// The cases run at the same time (each mostly waits for a process to start), each on a folder of its own.
describe('npm start on a bare machine', { concurrency: true }, () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-start-'));
    dirs.push(dir);
    return dir;
  };
  const children: Started[] = [];
  after(() => {
    for (const c of children) c.child.kill('SIGKILL');
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the demo: a demo driver logs in and submits an abnormal P2H; a second process on the same folder is refused; SIGTERM stops cleanly', async () => {
    const dataDir = freshDir();
    const first = start({ DATA_DIR: dataDir });
    children.push(first);
    const [, address] = await waitFor(first, /P2H is running at (http:\/\/[\d.:]+)/);
    assert.match(first.output(), /081100000003/, 'demo logins are printed');

    const login = await post(`${address}/api/auth/login`, { username: '0811-0000-0003', password: 'demo12345' });
    assert.equal(login.status, 200);
    const token = login.body.payload.access_token as string;
    const auth = { headers: { authorization: `Bearer ${token}` } };
    // The real clock decides which slot a driver may file: take the first unit the board says is open.
    const board = (await (await fetch(`${address}/api/p2h/compliance`, auth)).json()) as { payload: { vehicle_id: number; open_slots: number[] }[] };
    const unit = board.payload.find((u) => u.open_slots.length > 0)!;
    assert.ok(unit, 'some demo unit has an open slot now');
    const checklist = (await (await fetch(`${address}/api/checklist?vehicle_id=${unit.vehicle_id}`, auth)).json()) as {
      payload: { id: number }[];
    };
    const details = checklist.payload.map((item, i) =>
      i === 0 ? { checklist_item_id: item.id, status: 'abnormal', keterangan: 'Oli bocor <parah> & menetes' } : { checklist_item_id: item.id, status: 'normal' },
    );
    const report = await post(`${address}/api/p2h/reports`, { vehicle_id: unit.vehicle_id, shift_number: unit.open_slots[0], details }, token);
    assert.equal(report.status, 201, JSON.stringify(report.body));
    assert.equal(report.body.payload.overall_status, 'abnormal');

    const second = start({ DATA_DIR: dataDir });
    children.push(second);
    assert.equal(await second.exit, 1);
    assert.match(second.output(), /already used by process \d+/);

    first.child.kill('SIGTERM');
    assert.equal(await first.exit, 0);
    assert.ok(!fs.existsSync(path.join(dataDir, 'p2h.lock')), 'the lock is released');
  });

  it('refuses to start with a wrong variable, naming it', async () => {
    const bad = start({ DATA_DIR: freshDir(), PORT: 'eighty', P2H_TIMEZONE: 'Borneo/Nowhere' });
    children.push(bad);
    assert.equal(await bad.exit, 1);
    assert.match(bad.output(), /PORT must be/);
    assert.match(bad.output(), /P2H_TIMEZONE must be/);
  });

  it('refuses the demo on a public address unless P2H_DEMO=1 says so', async () => {
    const bad = start({ DATA_DIR: freshDir(), HOST: '0.0.0.0' });
    children.push(bad);
    assert.equal(await bad.exit, 1);
    assert.match(bad.output(), /P2H_DEMO/);
    assert.match(bad.output(), /P2H_DEMO=1/);
  });

  it('outside demo mode creates the superadmin from ADMIN_PHONE and no demo data', async () => {
    const dir = freshDir();
    const started = start({
      DATA_DIR: dir,
      P2H_DEMO: '0',
      JWT_SECRET: 'a-production-like-secret-of-enough-length',
      ADMIN_PHONE: '+62 812-0000-9999',
      ADMIN_PASSWORD: 'kepala-pool-123',
    });
    children.push(started);
    try {
      const [, address] = await waitFor(started, /P2H is running at (http:\/\/[\d.:]+)/);
      const admin = await post(`${address}/api/auth/login`, { username: '081200009999', password: 'kepala-pool-123' });
      assert.equal(admin.status, 200);
      assert.equal(admin.body.payload.user.role, 'superadmin');
      const demo = await post(`${address}/api/auth/login`, { username: '081100000003', password: 'demo12345' });
      assert.equal(demo.status, 401);
      assert.match(started.output(), /"phone":"0812\*\*\*\*9999"/, 'the superadmin phone is logged masked');
      assert.ok(!started.output().includes('81200009999'), 'the superadmin phone is not logged in full');
      started.child.kill('SIGTERM');
      assert.equal(await started.exit, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
