import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Runs one of src/cli's commands as its own process, the way `npm run <script>` does, with only
 * the environment given (plus PATH and a JWT secret), and collects what it prints. In the checkout
 * no .env is read (a developer's own must not leak in); with `cwd`, the command runs there as an
 * operator would run it from the app's folder, reading that folder's .env.
 */
export function spawnCommand(script: string, env: Record<string, string>, extraImports: string[] = [], options: { cwd?: string } = {}) {
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, ...extraImports.flatMap((i) => ['--import', i]), path.join(ROOT, 'src/cli', `${script}.ts`)], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...(options.cwd ? {} : { JWT_SECRET: 'x'.repeat(32), P2H_ENV_FILE: 'none' }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const waitFor = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) assert.fail(`npm run ${script} never logged ${pattern}:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exit, waitFor, output: () => output };
}
