/**
 * `npm start` (prestart): compiles src/ to build/ (esbuild, one JS file per TS file, no bundling, no
 * type check) when build/ is missing or older than its sources, so `npm start` runs plain JS. Running
 * the TypeScript through tsx instead cost ~70 MB of RSS for good (its loader thread and every
 * compiled file). build/ mirrors src/ one folder below the root, so paths such as `../../drizzle`
 * resolve the same from both. When the build is up to date this only compares file times.
 * `--check` only says whether build/ is up to date (exit 1 when not); `--force` rebuilds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { newestMtime } from './ensure-web-build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = path.join(ROOT, 'src');
export const SERVER_BUILD = path.join(ROOT, 'build');
/** Written last by every build: its time is the build's. */
const STAMP = path.join(SERVER_BUILD, '.built');

/** Why a build is needed, or null when build/ is up to date. */
export function serverBuildNeeded(): string | null {
  let built: number;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return 'the server is not compiled yet';
  }
  const newest = Math.max(newestMtime(SOURCES), newestMtime(path.join(ROOT, 'package-lock.json')));
  return newest > built ? 'the server sources changed since the last build' : null;
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((file) => path.join(folder, file));
}

export async function buildServer(): Promise<void> {
  fs.rmSync(SERVER_BUILD, { recursive: true, force: true }); // no stale file of a deleted source
  const files = filesUnder(SOURCES);
  await build({
    entryPoints: files.filter((file) => file.endsWith('.ts')),
    outdir: SERVER_BUILD,
    outbase: SOURCES,
    platform: 'node',
    format: 'esm',
    target: 'node20.10', // keeps `import … with { type: 'json' }`
    logLevel: 'warning',
  });
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    fs.copyFileSync(file, path.join(SERVER_BUILD, path.relative(SOURCES, file)));
  }
  fs.writeFileSync(STAMP, '');
}

async function main(): Promise<void> {
  const reason = process.argv.includes('--force') ? 'asked to (--force)' : serverBuildNeeded();
  if (!reason) return;
  // --check (the systemd units' ExecStartPre): the code folder is read-only to the service, so a
  // stale build/ is refused with how to fix it rather than run as if it were the new code.
  if (process.argv.includes('--check')) {
    console.error(`P2H server: ${reason}. Compile it as the code's owner: cd ${ROOT} && sudo node --import tsx src/cli/ensure-server-build.ts`);
    process.exit(1);
  }
  console.log(`P2H server: ${reason}; compiling src/ to build/…`);
  await buildServer();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
