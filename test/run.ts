/**
 * `npm test`: type-checks the server and the web app, builds the web app and runs the tests, all at once:
 * the test files go to a few long-lived test processes (test/support/shard.ts) that take them from a
 * queue, longest first; browser tests are taken only once the web build is there. Fails when any step
 * fails, so a type error still fails the suite. Type-check and build output is held back and printed
 * after the tests, so it never interleaves with the test report.
 *
 *   npm test                      # everything
 *   npm test -- test/auth/*.ts    # only these test files (still type-checks and builds)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { QUEUE_ENV, WEB_BUILD_FAILED, WEB_BUILD_READY, writeQueue } from './support/shard-queue.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// Test processes: 2 cores, but test files spend much of their time waiting on PostgreSQL, child processes
// or the browser.
const CONCURRENCY = Number(process.env.TEST_CONCURRENCY ?? 4);

interface Step {
  name: string;
  done: Promise<{ ok: boolean; output: string; seconds: number }>;
}

function run(name: string, args: string[], options: { inherit?: boolean; env?: NodeJS.ProcessEnv } = {}): Step {
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: options.env ?? process.env, stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const done = new Promise<{ ok: boolean; output: string; seconds: number }>((resolve) => {
    child.on('error', (error) => resolve({ ok: false, output: `${output}\n${String(error)}`, seconds: (Date.now() - started) / 1000 }));
    child.on('exit', (code, signal) => resolve({ ok: code === 0, output: signal ? `${output}\n(killed by ${signal})` : output, seconds: (Date.now() - started) / 1000 }));
  });
  return { name, done };
}

// The longest files (measured in a full run), started first: with a few test processes, a long file
// that starts last decides when the whole suite ends. Every other file follows in name order.
const LONGEST_FIRST = [
  'test/web/offline.test.ts',
  'test/web/driver.test.ts',
  'test/cli/start.test.ts',
  'test/notifications/crash-faults.test.ts',
  'test/web/admin.test.ts',
  'test/web/roles.test.ts',
  'test/web/records.test.ts',
  'test/notifications/crash.test.ts',
  'test/web/preferences.test.ts',
  'test/web/workshop.test.ts',
  'test/cli/telegram-cli.test.ts',
  'test/cli/daily-notices.test.ts',
  'test/notifications/delivery.test.ts',
  'test/telegram/link-api.test.ts',
  'test/p2h/slots.test.ts',
  'test/telegram/bot-abuse.test.ts',
  'test/telegram/bot.test.ts',
];

const longestFirst = (files: string[]) => {
  const rank = (file: string) => (LONGEST_FIRST.includes(file) ? LONGEST_FIRST.indexOf(file) : LONGEST_FIRST.length);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
};

function testFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts')) files.push(path.relative(ROOT, full));
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'test'));
  return files.sort();
}

const tsc = require.resolve('typescript/bin/tsc');
const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');

const typecheck = [run('tsc -p .', [tsc, '-p', '.']), run('tsc -p web', [tsc, '-p', 'web'])];
const build = run('build:web', [vite, 'build', '--config', 'web/vite.config.ts']);

// The queue and one tiny entry file per test process, in a folder of this run.
const queueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-test-queue-'));
process.on('exit', () => fs.rmSync(queueDir, { recursive: true, force: true }));
const files = longestFirst(process.argv.length > 2 ? process.argv.slice(2).map((file) => path.relative(ROOT, path.resolve(file))) : testFiles());
writeQueue(queueDir, ROOT, files);
const shard = pathToFileURL(path.join(ROOT, 'test/support/shard.ts')).href;
const entries = Array.from({ length: Math.max(1, Math.min(CONCURRENCY, files.length)) }, (_, index) => {
  const entry = path.join(queueDir, `tests-${index + 1}.test.mjs`);
  fs.writeFileSync(entry, `import ${JSON.stringify(shard)};\n`);
  return entry;
});
console.log(`# ${files.length} test files in ${entries.length} test processes, while the web app builds and the type check runs`);
const tests = run('tests', ['--import', 'tsx', '--test', `--test-concurrency=${entries.length}`, ...entries], { inherit: true, env: { ...process.env, [QUEUE_ENV]: queueDir } });

const built = await build.done;
fs.writeFileSync(path.join(queueDir, built.ok ? WEB_BUILD_READY : WEB_BUILD_FAILED), '');
const results: { name: string; ok: boolean; output: string; seconds: number }[] = [{ name: build.name, ...built }];
results.push({ name: tests.name, ...(await tests.done), output: '' });
for (const step of typecheck) results.push({ name: step.name, ...(await step.done) });

let failed = false;
for (const result of results) {
  if (!result.ok) failed = true;
  if (!result.ok && result.output.trim()) console.log(`\n# ${result.name} FAILED:\n${result.output.trimEnd()}`);
}
console.log(`\n# ${results.map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'} (${r.seconds.toFixed(1)} s)`).join(', ')}`);
if (!built.ok) console.log('# the browser tests could not pass: the web build failed');
process.exitCode = failed ? 1 : 0;
