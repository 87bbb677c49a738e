/**
 * `npm test`: type-checks the server and the web app and builds the web app at the same time, then runs
 * every test file as soon as the build is there (the browser tests need dist/web; nothing needs the type
 * check), while the type check still runs. Serially these steps kept the first test waiting ~45 s.
 * Fails when any step fails, so a type error still fails the suite. Type-check and build output is
 * held back and printed after the tests, so it never interleaves with the test report.
 *
 *   npm test                      # everything
 *   npm test -- test/auth/*.ts    # only these test files (still type-checks and builds)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// 2 cores, but most test files spend their time waiting on PostgreSQL, child processes or the browser.
const CONCURRENCY = process.env.TEST_CONCURRENCY ?? '4';

interface Step {
  name: string;
  done: Promise<{ ok: boolean; output: string; seconds: number }>;
}

function run(name: string, args: string[], inherit = false): Step {
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const done = new Promise<{ ok: boolean; output: string; seconds: number }>((resolve) => {
    child.on('error', (error) => resolve({ ok: false, output: `${output}\n${String(error)}`, seconds: (Date.now() - started) / 1000 }));
    child.on('exit', (code, signal) => resolve({ ok: code === 0, output: signal ? `${output}\n(killed by ${signal})` : output, seconds: (Date.now() - started) / 1000 }));
  });
  return { name, done };
}

// The longest files (measured in a full run), started first: with a few files at a time, a long file
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

const built = await build.done;
const results: { name: string; ok: boolean; output: string; seconds: number }[] = [{ name: build.name, ...built }];
if (built.ok) {
  console.log(`# build:web done in ${built.seconds.toFixed(1)} s; running the tests while the type check goes on`);
  const files = longestFirst(process.argv.length > 2 ? process.argv.slice(2) : testFiles());
  const tests = run('tests', ['--import', 'tsx', '--test', `--test-concurrency=${CONCURRENCY}`, ...files], true);
  results.push({ name: tests.name, ...(await tests.done), output: '' });
}
for (const step of typecheck) results.push({ name: step.name, ...(await step.done) });

let failed = false;
for (const result of results) {
  if (!result.ok) failed = true;
  if (!result.ok && result.output.trim()) console.log(`\n# ${result.name} FAILED:\n${result.output.trimEnd()}`);
}
console.log(`\n# ${results.map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'} (${r.seconds.toFixed(1)} s)`).join(', ')}`);
if (!built.ok) console.log('# the tests did not run: the web build failed');
process.exitCode = failed ? 1 : 0;
