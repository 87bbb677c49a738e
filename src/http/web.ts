import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import path from 'node:path';
import type { HttpServer } from './server.js';

/** Where `npm run build:web` (vite) writes the web app. */
export const DEFAULT_WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');

export interface WebOptions {
  /** Folder holding the built app (index.html, assets/); defaults to dist/web. */
  root?: string;
}

/** Hashed file names (assets/index-3f2a1b9c.js) never change content: cache them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always revalidate, so a new build is picked up at once. */
const REVALIDATE = 'no-cache';

/** Paths that belong to the server, never to the web app: unknown ones get the JSON 404 envelope. */
const SERVER_PATHS = /^\/(api|docs)(\/|$)/;

/** Only the app shell gets a content security policy; the API answers JSON. */
const APP_SHELL_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Serves the web app built by vite: its files as they are (pre-compressed .br/.gz copies when the
 * browser accepts them), and index.html for every other path that is not /api or /docs, so the
 * app's own router handles deep links and reloads. Without a build, a short page says how to make one.
 */
export async function registerWebApp(http: HttpServer, options: WebOptions = {}): Promise<void> {
  const root = path.resolve(options.root ?? DEFAULT_WEB_ROOT);
  await http.register(fastifyStatic, {
    root,
    serve: false, // our own route below decides between a file, the app shell and a 404
    preCompressed: true,
    cacheControl: false,
    suppressWarning: true, // the build may not exist yet: we answer with the "not built" page
    setHeaders(reply, filePath) {
      const relative = path.relative(root, filePath.replace(/\.(br|gz)$/, ''));
      const hashed = relative.startsWith(`assets${path.sep}`);
      reply.header('cache-control', hashed ? IMMUTABLE : REVALIDATE);
      if (relative === 'index.html') for (const [name, value] of Object.entries(APP_SHELL_HEADERS)) reply.header(name, value);
    },
  });

  const indexFile = path.join(root, 'index.html');
  http.get('/*', { schema: { hide: true } }, (request, reply) => {
    const urlPath = request.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(urlPath)) return reply.callNotFound();
    if (!fs.existsSync(indexFile)) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(NOT_BUILT_PAGE);

    const wanted = (request.params as { '*'?: string })['*'] ?? '';
    const file = path.resolve(root, wanted);
    if (wanted !== '' && file.startsWith(root + path.sep) && isFile(file)) return reply.sendFile(wanted);
    // A missing file (a stale hashed asset, /favicon.png…) is a 404, not the app shell.
    if (/\.[a-z0-9]{1,8}$/i.test(urlPath)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>P2H: aplikasi web belum di-build</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}code{background:#eee;padding:.1em .3em}</style>
</head><body>
<h1>Aplikasi web P2H belum di-build</h1>
<p>Server dan API berjalan, tetapi file aplikasi web (<code>dist/web</code>) belum ada. Jalankan:</p>
<pre><code>npm install
npm run build:web</code></pre>
<p>lalu muat ulang halaman ini. (<code>npm start</code> juga mem-build otomatis bila perlu.)</p>
<hr>
<p lang="en">The P2H web app is not built yet: run <code>npm run build:web</code> and reload. The API works meanwhile: see <a href="/docs">/docs</a>.</p>
</body></html>
`;
