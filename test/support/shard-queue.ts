/** The queue test/run.ts hands to its test processes (test/support/shard.ts): a folder and a file list. */
import fs from 'node:fs';
import path from 'node:path';

export const QUEUE_ENV = 'P2H_TEST_QUEUE';
/** Written into the queue folder when the web build is done (or failed), so the browser tests may start. */
export const WEB_BUILD_READY = 'web-build-ready';
export const WEB_BUILD_FAILED = 'web-build-failed';

export interface Queue {
  /** Folder holding files.json and a claimed-<index> marker per started file. */
  dir: string;
  /** The checkout; files are relative to it. */
  root: string;
  /** In the order they are to start: longest first. */
  files: string[];
}

export function writeQueue(dir: string, root: string, files: string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'files.json'), JSON.stringify({ root, files }));
}

export function readQueue(): Queue {
  const dir = process.env[QUEUE_ENV];
  if (!dir) throw new Error(`${QUEUE_ENV} is not set: test/support/shard.ts runs under npm test (test/run.ts)`);
  const { root, files } = JSON.parse(fs.readFileSync(path.join(dir, 'files.json'), 'utf8')) as { root: string; files: string[] };
  return { dir, root, files };
}
