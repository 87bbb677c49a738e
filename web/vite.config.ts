/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = import.meta.dirname;
const outDir = path.resolve(here, '../dist/web');

/**
 * Writes .br and .gz copies next to the text files of the build: the server sends them to browsers
 * that accept them (@fastify/static `preCompressed`), which matters on a slow field connection.
 */
function precompress(): Plugin {
  return {
    name: 'p2h-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
          const full = path.join(dir, entry.name);
          return entry.isDirectory() ? walk(full) : [full];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
        const content = fs.readFileSync(file);
        if (content.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

/** GETs a driver needs at the pit: units, the checklist, their own reports, the day's slots, who they are. */
const CACHED_API = /\/api\/(vehicles|checklist|p2h\/reports|p2h\/compliance|users\/me)(\/|\?|$)/;

/**
 * The installable, offline-first app (vite-plugin-pwa + Workbox generateSW). The app shell is precached;
 * the GETs above are NetworkFirst with a short timeout (fresh data when there is signal, the last
 * answer when there is none); photos never change, so CacheFirst. POSTs are never cached: a report
 * filed offline waits in the IndexedDB queue (src/offline). registerType 'autoUpdate': a new release
 * takes over at once and reloads the page; nothing is lost, since drafts live in localStorage and the
 * queue in IndexedDB in a versioned format the new sender still reads.
 */
function offlineApp() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: false, // src/offline/register-sw.ts registers it
    filename: 'sw.js',
    includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
    manifest: {
      name: 'P2H — Pemeriksaan Harian',
      short_name: 'P2H',
      description: 'Pemeriksaan harian unit kendaraan (P2H)',
      lang: 'id',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#ffffff',
      theme_color: '#0b3d91',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png}'],
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/docs/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          urlPattern: CACHED_API,
          handler: 'NetworkFirst',
          options: {
            cacheName: 'p2h-api',
            networkTimeoutSeconds: 4,
            expiration: { maxEntries: 300, maxAgeSeconds: 7 * 24 * 3600 },
            cacheableResponse: { statuses: [200] },
          },
        },
        {
          urlPattern: /\/api\/photos\/\d+(\?|$)/,
          handler: 'CacheFirst',
          options: { cacheName: 'p2h-photos', expiration: { maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 }, cacheableResponse: { statuses: [200] } },
        },
      ],
    },
  });
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), offlineApp(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020', // older Chrome on cheap Android phones
    assetsInlineLimit: 0, // keep the CSP simple: no data: scripts or styles
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // React and the router change far less often than the app: a separate file stays cached across releases.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ }] },
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` while `npm start` runs: the API stays on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
});
