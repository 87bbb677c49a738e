/**
 * photo: the server's work on one uploaded photo (src/photos/process.ts): sniff, decode a 12-megapixel
 * phone-like JPEG, rotate, resize to ≤1600 px, re-encode without metadata, and make the 320 px
 * thumbnail. No HTTP, no database, no storage: what each upload costs in CPU.
 *
 * BENCH_PHOTOS (default 20) photos one at a time, then the same number sent 4 at once, which the
 * encode semaphore (2 in flight) queues.
 */
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { MAX_CONCURRENT_ENCODES, processPhoto } from '../src/photos/process.js';
import { envCount, loadAverage, type NotifyOutcome } from './notify-support.js';
import { ms, summarize, type BenchResult } from './support.js';

const WIDTH = 4000;
const HEIGHT = 3000;

/** Gaussian noise compresses like a real photo's detail does (a flat colour would flatter the encoder). */
function noisyPhoto(): Promise<Buffer> {
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'BenchPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 30/1 0/1' } })
    .toBuffer();
}

export async function runPhotoBench(): Promise<NotifyOutcome> {
  const count = envCount('BENCH_PHOTOS', 20);
  const input = await noisyPhoto();
  console.log(`photo: fixture ${WIDTH}×${HEIGHT} (${(WIDTH * HEIGHT) / 1e6} MP) noisy JPEG, ${(input.length / 1024 / 1024).toFixed(1)} MB`);
  await processPhoto(input); // warm-up: loads libvips' codecs

  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    const latencies: number[] = [];
    let output = { full: 0, thumb: 0, width: 0, height: 0 };
    const oneStarted = performance.now();
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      const photo = await processPhoto(input);
      latencies.push(performance.now() - started);
      output = { full: photo.full.length, thumb: photo.thumb.length, width: photo.width, height: photo.height };
    }
    const oneSeconds = (performance.now() - oneStarted) / 1000;

    const parallel = 4;
    const queued: number[] = [];
    const parallelStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < count) {
          next += 1;
          const started = performance.now();
          await processPhoto(input);
          queued.push(performance.now() - started);
        }
      }),
    );
    const parallelSeconds = (performance.now() - parallelStarted) / 1000;

    const one = summarize(latencies);
    const results: BenchResult[] = [
      { name: 'photo process (1 at a time)', perSecond: count / oneSeconds, unit: 'photos/s', latency: one, count, concurrency: 1 },
      { name: `photo process (${parallel} sent, ${MAX_CONCURRENT_ENCODES} encoding)`, perSecond: count / parallelSeconds, unit: 'photos/s', latency: summarize(queued), count, concurrency: parallel },
    ];
    const figures = [
      `photo: ${ms(one.mean)} per 12 MP photo (p50 ${ms(one.p50)}, max ${ms(one.max)}), ${count} photos, ${loadAverage()}`,
      `photo: output ${output.width}×${output.height} JPEG ${(output.full / 1024).toFixed(0)} KB + thumbnail ${(output.thumb / 1024).toFixed(0)} KB (input ${(input.length / 1024).toFixed(0)} KB)`,
      `photo: RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB before, peak ${(peakRss / 2 ** 20).toFixed(0)} MB while processing`,
    ];
    for (const line of figures) console.log(line);
    return { results, figures };
  } finally {
    clearInterval(sample);
  }
}
