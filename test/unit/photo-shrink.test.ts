/** Photo sizing on the phone (web/src/photos/shrink-size.ts): a camera photo becomes at most 1600 px on its long side. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitWithin, MAX_PHOTO_SIDE, photosLeft } from '../../web/src/photos/shrink-size.js';

describe('photo shrink size', () => {
  it('a 12-megapixel landscape or portrait photo fits 1600 px on its long side, keeping its shape', () => {
    assert.deepEqual(fitWithin(4000, 3000), { width: 1600, height: 1200 });
    assert.deepEqual(fitWithin(3000, 4000), { width: 1200, height: 1600 });
    assert.deepEqual(fitWithin(4032, 1816), { width: 1600, height: 721 });
    assert.equal(MAX_PHOTO_SIDE, 1600);
  });

  it('never enlarges a small photo, and keeps at least one pixel of a very thin one', () => {
    assert.deepEqual(fitWithin(800, 600), { width: 800, height: 600 });
    assert.deepEqual(fitWithin(1600, 1600), { width: 1600, height: 1600 });
    assert.deepEqual(fitWithin(10000, 2), { width: 1600, height: 1 });
  });

  it('refuses a size a broken image reports', () => {
    assert.throws(() => fitWithin(0, 100));
    assert.throws(() => fitWithin(Number.NaN, 100));
  });

  it('counts the photos an answer may still take (at most five)', () => {
    assert.equal(photosLeft(0, 5), 5);
    assert.equal(photosLeft(4, 5), 1);
    assert.equal(photosLeft(7, 5), 0);
  });
});
