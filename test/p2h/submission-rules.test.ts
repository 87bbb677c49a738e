import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectionInstant, missingDefectPhotos } from '../../src/p2h/submission-rules.js';

const now = new Date('2026-01-22T07:00:00+08:00');
const offset = (ms: number) => new Date(now.getTime() + ms).toISOString();
const HOUR = 3_600_000;

describe('waited_seconds: which instant a report speaks for', () => {
  it('without a wait, or a short one (the send itself), it is now and nothing is stored', () => {
    assert.deepEqual(inspectionInstant(now, undefined), { ok: true, instant: now, inspectedAt: null });
    assert.deepEqual(inspectionInstant(now, 59), { ok: true, instant: now, inspectedAt: null });
  });

  it('a wait up to 24 hours dates it the server\'s now minus the wait', () => {
    for (const back of [3 * HOUR, 24 * HOUR]) {
      const result = inspectionInstant(now, back / 1000);
      assert.deepEqual(result, { ok: true, instant: new Date(offset(-back)), inspectedAt: new Date(offset(-back)) });
    }
  });

  it('refuses more than 24 hours, naming waited_seconds', () => {
    const old = inspectionInstant(now, 24 * 3600 + 1);
    assert.deepEqual(!old.ok && [old.detail.field, old.detail.code], ['waited_seconds', 'inspected_at_too_old']);
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
