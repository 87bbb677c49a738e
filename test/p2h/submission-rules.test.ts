import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectionInstant, missingDefectPhotos } from '../../src/p2h/submission-rules.js';

const now = new Date('2026-01-22T07:00:00+08:00');
const offset = (ms: number) => new Date(now.getTime() + ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('inspected_at: which instant a report speaks for', () => {
  it('without inspected_at it is now, and nothing is stored', () => {
    assert.deepEqual(inspectionInstant(now, undefined), { ok: true, instant: now, inspectedAt: null });
  });

  it('a past instant up to 24 hours back is the instant itself', () => {
    for (const back of [3 * HOUR, 24 * HOUR]) {
      const result = inspectionInstant(now, offset(-back));
      assert.deepEqual(result, { ok: true, instant: new Date(offset(-back)), inspectedAt: new Date(offset(-back)) });
    }
  });

  it('a phone up to 2 minutes ahead is stored as sent but files as of now', () => {
    assert.deepEqual(inspectionInstant(now, offset(2 * MINUTE)), { ok: true, instant: now, inspectedAt: new Date(offset(2 * MINUTE)) });
  });

  it('refuses more than 2 minutes ahead and more than 24 hours back, naming inspected_at', () => {
    const future = inspectionInstant(now, offset(2 * MINUTE + 1));
    assert.equal(future.ok, false);
    assert.deepEqual(!future.ok && [future.detail.field, future.detail.code], ['inspected_at', 'inspected_at_future']);
    const old = inspectionInstant(now, offset(-24 * HOUR - 1));
    assert.deepEqual(!old.ok && [old.detail.field, old.detail.code], ['inspected_at', 'inspected_at_too_old']);
  });
});

describe('P2H_DEFECT_PHOTO=required: which answers lack a photo', () => {
  it('every WARNING/ABNORMAL answer without photo_ids (absent or empty), by its index; NORMAL ones never', () => {
    const details = [
      { checklist_item_id: 1, status: 'normal' as const },
      { checklist_item_id: 2, status: 'warning' as const, photo_ids: [5] },
      { checklist_item_id: 3, status: 'abnormal' as const },
      { checklist_item_id: 4, status: 'warning' as const, photo_ids: [] },
    ];
    assert.deepEqual(
      missingDefectPhotos(details).map((d) => [d.field, d.code]),
      [
        ['details[2].photo_ids', 'photo_required'],
        ['details[3].photo_ids', 'photo_required'],
      ],
    );
  });
});
