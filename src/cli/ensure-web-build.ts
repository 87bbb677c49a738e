/**
 * `npm start` (prestart): builds the web app when dist/web is missing or older than its sources, so a
 * fresh clone or a `git pull` serves the current app; when the build is up to date it only compares
 * file times (a few milliseconds). Never stops the start: without a build the server says how to make one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface WebBuildPaths {
  /** folders and files whose changes call for a new build */
  sources: string[];
  /** written by every build */
  output: string;
}

export const WEB_BUILD: WebBuildPaths = {
  sources: [path.join(ROOT, 'web'), path.join(ROOT, 'package-lock.json')],
  output: path.join(ROOT, 'dist/web/index.html'),
};

export function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Why a build is needed, or null when dist/web is up to date. */
export function webBuildNeeded(paths: WebBuildPaths = WEB_BUILD): string | null {
  let built: number;
  try {
    built = fs.statSync(paths.output).mtimeMs;
  } catch {
    return 'the web app is not built yet';
  }
  const newest = Math.max(...paths.sources.map(newestMtime));
  return newest > built ? 'the web sources changed since the last build' : null;
}

function main(): void {
  const reason = webBuildNeeded();
  if (!reason) return;
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    console.warn(`P2H web: ${reason}, and vite is not installed (run \`npm install\`). Starting without the web app.`);
    return;
  }
  console.log(`P2H web: ${reason}; building it (npm run build:web)…`);
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.warn('P2H web: the build failed (see above). The API still starts; fix the error and run `npm run build:web`.');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
