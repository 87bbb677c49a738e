/**
 * The web type-checks the server's wire modules (src/<feature>/api-schemas.ts and the enum lists in
 * values.ts) with the DOM lib and no node types, and bundles the enum lists. So those modules may
 * import only TypeBox and each other: one import of drizzle, fastify or node:* would drag the server
 * into the browser build, or pass `tsc -p web` only by luck.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
// error-codes.ts: the closed list of error codes the web translates (imports nothing, like values.ts).
const WIRE_MODULE = /^(api-schemas|values|error-codes)\.ts$/;

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, accept);
    return accept(entry.name) ? [full] : [];
  });
}

/** Every module specifier of a file: static imports, re-exports and dynamic import(). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

const isWireModule = (file: string) => file.startsWith(SRC + path.sep) && WIRE_MODULE.test(path.basename(file).replace(/\.js$/, '.ts'));
const rel = (file: string) => path.relative(ROOT, file);

describe('wire modules the web imports', () => {
  const wireModules = filesUnder(SRC, (name) => WIRE_MODULE.test(name));

  it('are found (each feature has its api-schemas.ts)', () => {
    for (const feature of ['auth', 'checklist', 'http', 'notifications', 'p2h', 'users', 'vehicles']) {
      assert.ok(wireModules.includes(path.join(SRC, feature, 'api-schemas.ts')), `src/${feature}/api-schemas.ts exists`);
    }
  });

  it('import only TypeBox and other api-schemas/values modules', () => {
    for (const file of wireModules) {
      for (const specifier of importsOf(file)) {
        if (specifier === '@sinclair/typebox') continue;
        const target = path.resolve(path.dirname(file), specifier);
        assert.ok(
          specifier.startsWith('.') && isWireModule(target),
          `${rel(file)} imports '${specifier}': the web type-checks this file, so it may import only @sinclair/typebox and src/*/api-schemas.js or values.js`,
        );
      }
      if (path.basename(file) !== 'api-schemas.ts') assert.deepEqual(importsOf(file), [], `${rel(file)} is bundled into the web app: it imports nothing`);
    }
  });

  it('are the only server modules the web imports', () => {
    for (const file of filesUnder(path.join(ROOT, 'web/src'), (name) => /\.tsx?$/.test(name))) {
      for (const specifier of importsOf(file)) {
        const target = path.resolve(path.dirname(file), specifier);
        if (!specifier.startsWith('.') || !target.startsWith(SRC + path.sep)) continue;
        const asFile = /\.[jt]s$/.test(target) ? target : `${target}.ts`;
        assert.ok(isWireModule(asFile), `${rel(file)} imports '${specifier}': the web may import only src/*/api-schemas or values modules`);
      }
    }
  });
});
