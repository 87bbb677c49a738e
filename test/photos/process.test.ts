import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_INPUT_PIXELS, Semaphore, sniffImageKind } from '../../src/photos/process.js';
import { png, SVG_WITH_SCRIPT, webp, jpegWithGps } from './images.js';

describe('sniffImageKind', () => {
  it('knows JPEG, PNG and WebP by their first bytes', async () => {
    assert.equal(sniffImageKind(await jpegWithGps(40, 30)), 'jpeg');
    assert.equal(sniffImageKind(await png(40, 30)), 'png');
    assert.equal(sniffImageKind(await webp(40, 30)), 'webp');
  });

  it('refuses everything else, however short', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from([0xff, 0xd8]), SVG_WITH_SCRIPT, Buffer.from('GIF89a'), Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.from('%PDF-1.7')]) {
      assert.equal(sniffImageKind(bytes), null, bytes.subarray(0, 12).toString('latin1'));
    }
  });
});

it('the pixel limit admits 12 MP and 48 MP phone photos', () => {
  assert.ok(4000 * 3000 <= MAX_INPUT_PIXELS);
  assert.ok(8000 * 6000 <= MAX_INPUT_PIXELS);
});

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, all of them in the end, and frees its slot when a task fails', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const task = (n: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      if (n === 3) throw new Error('task 3 fails');
      done.push(n);
      return n;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => semaphore.run(task(n))));
    assert.equal(most, 2);
    assert.deepEqual(done.sort(), [1, 2, 4, 5, 6]);
    assert.equal(results[2]!.status, 'rejected');
    assert.equal(await semaphore.run(async () => 'still free'), 'still free');
  });
});
