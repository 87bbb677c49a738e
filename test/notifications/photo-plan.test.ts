import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertPhotoIds, planDelivery, stepCount, TELEGRAM_CAPTION_LIMIT } from '../../src/notifications/photo-plan.js';
import type { ReportDetail } from '../../src/p2h/types.js';

type Detail = ReportDetail['details'][number];
const detail = (status: Detail['status'], photoIds: number[]) => ({ status, photos: photoIds.map((id) => ({ id, width: 8, height: 8 })) }) as unknown as Detail;

describe('planDelivery: which shape a notification goes out in', () => {
  it('no photos: the text, in parts as before', () => {
    assert.deepEqual(planDelivery(0, 'halo'), { media: null, textParts: ['halo'] });
    const long = planDelivery(0, 'x '.repeat(3000));
    assert.equal(long.media, null);
    assert.equal(long.textParts.length, 2);
    assert.equal(stepCount(long), 2);
  });

  it('one photo and a message that fits a caption: the photo with the message as caption, one step', () => {
    const message = 'a'.repeat(TELEGRAM_CAPTION_LIMIT);
    const plan = planDelivery(1, message);
    assert.deepEqual(plan, { media: { kind: 'photo_with_caption', caption: message }, textParts: [] });
    assert.equal(stepCount(plan), 1);
  });

  it('counts the caption like splitMessage counts text: the raw HTML, never shorter than what Telegram counts', () => {
    // 1000 visible characters, but 1030 with the tags: not trusted to fit.
    const plan = planDelivery(1, `<b>${'a'.repeat(500)}</b> <i>${'b'.repeat(499)}</i>${'&amp;'.repeat(4)}`);
    assert.equal(plan.media?.kind, 'photo');
  });

  it('one photo and a longer message: the photo alone, then the text', () => {
    const plan = planDelivery(1, 'a'.repeat(TELEGRAM_CAPTION_LIMIT + 1));
    assert.deepEqual(plan.media, { kind: 'photo' });
    assert.equal(plan.textParts.length, 1);
    assert.equal(stepCount(plan), 2);
  });

  it('several photos: the album, then the text (however short)', () => {
    const plan = planDelivery(3, 'pendek');
    assert.deepEqual(plan, { media: { kind: 'album' }, textParts: ['pendek'] });
    const long = planDelivery(10, 'y '.repeat(5000));
    assert.equal(long.media?.kind, 'album');
    assert.equal(stepCount(long), 1 + long.textParts.length);
    assert.ok(long.textParts.length >= 3);
  });
});

describe('alertPhotoIds: the photos a report alert carries', () => {
  it('abnormal items first, then warning, each in checklist order; normal answers carry none', () => {
    const report = { details: [detail('warning', [1, 2]), detail('normal', [3]), detail('abnormal', [4]), detail('warning', []), detail('abnormal', [5, 6])] };
    assert.deepEqual(alertPhotoIds(report), [4, 5, 6, 1, 2]);
  });

  it('at most ten, an album\'s limit: the first ten in alert order', () => {
    const report = { details: [detail('warning', [90, 91]), detail('abnormal', [1, 2, 3, 4, 5]), detail('abnormal', [6, 7, 8, 9, 10])] };
    assert.deepEqual(alertPhotoIds(report), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a report without photos: none', () => {
    assert.deepEqual(alertPhotoIds({ details: [detail('abnormal', [])] }), []);
  });
});
