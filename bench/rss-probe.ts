/**
 * Preloaded by bench/rss.ts into `npm start`'s process: on SIGUSR2 prints process.memoryUsage()
 * in MB, so the bench can say whether the memory is JS heap, buffers (PGlite's WASM memory is an
 * ArrayBuffer) or code and native allocations.
 */
process.on('SIGUSR2', () => {
  const inMb = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, v / 2 ** 20]));
  process.stderr.write(`P2H_RSS_PROBE ${JSON.stringify(inMb)}\n`);
});
