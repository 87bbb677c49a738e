/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompress()],
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
