/**
 * One of `npm test`'s few test processes (test/run.ts starts them through `node --test`). Each takes the
 * next unclaimed test file from the shared queue, runs it inside a suite named after it (the file's own
 * top-level hooks stay scoped to that suite), and when the file is done takes the next one, until the
 * queue is empty.
 *
 * Why: a test process costs ~6 CPU-seconds before its first test (loading TypeScript through tsx, the
 * server's modules, PGlite's WebAssembly, Fastify's schema compilers). One process per file paid that ~100
 * times on a 2-core machine; a few long-lived processes pay it a few times. Pulling files from a queue,
 * longest first, keeps the processes evenly busy without a table of how long each file takes.
 */
import { AsyncResource } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe } from 'node:test';
import { readQueue, WEB_BUILD_FAILED, WEB_BUILD_READY } from './shard-queue.js';

const queue = readQueue();

/** Claims a file by creating its marker: mkdir is atomic across processes, so each file runs exactly once. */
function claim(index: number): boolean {
  try {
    fs.mkdirSync(path.join(queue.dir, `claimed-${index}`));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Browser tests need the built web app; until the build is there, other files go first. */
const webBuildSettled = () => fs.existsSync(path.join(queue.dir, WEB_BUILD_READY)) || fs.existsSync(path.join(queue.dir, WEB_BUILD_FAILED));
const needsWebBuild = (file: string) => file.startsWith('test/web/');

async function nextFile(): Promise<string | undefined> {
  for (;;) {
    let waiting = false;
    for (const [index, file] of queue.files.entries()) {
      if (needsWebBuild(file) && !webBuildSettled()) {
        waiting = true;
        continue;
      }
      if (claim(index)) return file;
    }
    if (!waiting) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// Each file's suite is registered at the top level (not inside the previous file's suite), so a failing
// file never hides the ones after it.
const atTopLevel = AsyncResource.bind((register: () => void) => register());

async function runNext(): Promise<void> {
  const file = await nextFile();
  if (file === undefined) return;
  atTopLevel(() =>
    describe(file, async () => {
      try {
        await import(pathToFileURL(path.join(queue.root, file)).href);
      } finally {
        after(() => setImmediate(() => void runNext()));
      }
    }),
  );
}

await runNext();
