/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. the submit benchmark's server with
 * BENCH_CPU_PROF_DIR set): the functions with the most self time, the same grouped by package or
 * source folder, and the total (self + callees) time of the app's own functions.
 *
 *   node --import tsx bench/cpuprofile-top.ts /tmp/prof/CPU.….cpuprofile [rows=25] [requests]
 *
 * With `requests` (how many requests the profile covers) every figure is also given per request.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg, requestsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: bench/cpuprofile-top.ts <file.cpuprofile> [rows] [requests]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const requests = requestsArg ? Number(requestsArg) : undefined;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Sample i lasted timeDeltas[i + 1] µs (the delta stored with a sample is the time before it).
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + delta);
}
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/((?:src|bench)\/.*)$/.exec(url);
  if (own) return own[1]!;
  if (url.startsWith('node:')) return url;
  return url === '' ? '(native)' : url;
}

function group(key: (node: ProfileNode) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const name = key(byId.get(id)!);
    sums.set(name, (sums.get(name) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

/** Time of each own (src/) function including everything it called, counted once per sample. */
function ownTotals(): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      const place = where(node);
      if (!place.startsWith('src/')) continue;
      const name = `${node.callFrame.functionName || '(anonymous)'}  ${place}:${node.callFrame.lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      sums.set(name, (sums.get(name) ?? 0) + us);
    }
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

function print(title: string, entries: [string, number][]): void {
  console.log(`\n${title}`);
  for (const [name, us] of entries.slice(0, rows)) {
    const perRequest = requests ? `  ${(us / 1000 / requests).toFixed(3)} ms/req` : '';
    console.log(`  ${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms${perRequest}  ${name}`);
  }
}

console.log(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled, ${profile.samples.length} samples`);
print('self time by function', group((n) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n)}:${n.callFrame.lineNumber + 1}`));
print('self time by package / file', group(where));
print('total time of own functions (self + callees)', ownTotals());
