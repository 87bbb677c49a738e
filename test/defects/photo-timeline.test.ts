import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DefectEventRow } from '../../src/defects/schema.js';
import { photosByEvent } from '../../src/defects/views.js';

const event = (id: number, action: DefectEventRow['action'], reportId: number | null = null): DefectEventRow => ({
  id,
  defectId: 1,
  at: new Date('2026-01-21T00:00:00Z'),
  action,
  actorId: 1,
  note: null,
  reportId,
});
const photo = (id: number) => ({ id, width: 10, height: 10 });

describe("a defect's photos on its timeline", () => {
  it('a repair and a defect report on their own step, an answer on the step its report caused, the rest nowhere', () => {
    const events = [event(1, 'opened', 50), event(2, 'verified', 51), event(3, 'reported_again', 51), event(4, 'taken'), event(5, 'repaired')];
    const placed = photosByEvent(events, [
      { photo: photo(10), attachedTo: 'answer', reportId: 50, defectEventId: null },
      { photo: photo(11), attachedTo: 'answer', reportId: 51, defectEventId: null },
      { photo: photo(12), attachedTo: 'repair', reportId: null, defectEventId: 5 },
      { photo: photo(13), attachedTo: 'repair', reportId: null, defectEventId: 5 },
      { photo: photo(14), attachedTo: 'defect', reportId: null, defectEventId: null },
      { photo: photo(15), attachedTo: 'answer', reportId: 99, defectEventId: null },
    ]);
    assert.deepEqual([...placed.entries()], [
      [1, [photo(10)]],
      [3, [photo(11)]],
      [5, [photo(12), photo(13)]],
    ]);
  });
});
