import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  defectChangesForAnswers,
  isDueForEscalation,
  isOutOfService,
  refuseAssign,
  refuseClose,
  refuseRepair,
  refuseTake,
  type LiveDefect,
} from '../../src/defects/rules.js';
import { startOfLocalDay } from '../../src/lib/time.js';
import { availabilityOver } from '../../src/vehicles/availability.js';

const answer = (checklistItemId: number, status: 'normal' | 'warning' | 'abnormal', remark: string | null = null) => ({
  checklistItemId,
  itemName: `Item ${checklistItemId}`,
  status,
  remark,
});

describe('defects from a report', () => {
  const live: LiveDefect[] = [
    { id: 10, checklistItemId: 1, status: 'open', severity: 'warning' },
    { id: 11, checklistItemId: 2, status: 'in_progress', severity: 'abnormal' },
    { id: 12, checklistItemId: 3, status: 'repaired', severity: 'abnormal' },
  ];

  it('opens a defect for a new WARNING/ABNORMAL item and none for NORMAL', () => {
    assert.deepEqual(defectChangesForAnswers([], [answer(5, 'abnormal', 'rem bocor'), answer(6, 'normal')]), [
      { kind: 'open', checklistItemId: 5, itemName: 'Item 5', severity: 'abnormal', remark: 'rem bocor' },
    ]);
  });

  it('adds to an unresolved defect; the severity only rises', () => {
    assert.deepEqual(defectChangesForAnswers(live, [answer(1, 'abnormal', 'lebih parah'), answer(2, 'warning', 'masih')]), [
      { kind: 'reported_again', defectId: 10, severity: 'abnormal', remark: 'lebih parah' },
      { kind: 'reported_again', defectId: 11, severity: 'abnormal', remark: 'masih' },
    ]);
  });

  it('a NORMAL answer verifies a repaired defect and leaves an unresolved one alone', () => {
    assert.deepEqual(defectChangesForAnswers(live, [answer(1, 'normal'), answer(2, 'normal'), answer(3, 'normal')]), [
      { kind: 'verified', defectId: 12 },
    ]);
  });

  it('a WARNING/ABNORMAL answer on a repaired item reopens it with the new severity', () => {
    assert.deepEqual(defectChangesForAnswers(live, [answer(3, 'warning', 'bocor lagi')]), [
      { kind: 'reopened', defectId: 12, severity: 'warning', remark: 'bocor lagi' },
    ]);
  });
});

describe('who may take which step', () => {
  const open = { status: 'open' as const, assignedToId: null };
  const taken = { status: 'in_progress' as const, assignedToId: 7 };

  it('take: mechanics and admins, only while open', () => {
    assert.equal(refuseTake('mechanic', open), null);
    assert.equal(refuseTake('admin', open), null);
    assert.equal(refuseTake('user', open), 'FORBIDDEN');
    assert.equal(refuseTake('viewer', open), 'FORBIDDEN');
    assert.equal(refuseTake('mechanic', taken), 'DEFECT_ALREADY_TAKEN');
    assert.equal(refuseTake('mechanic', { status: 'repaired', assignedToId: 7 }), 'DEFECT_NOT_ACTIVE');
  });

  it('repair: the assigned mechanic or an admin', () => {
    assert.equal(refuseRepair('mechanic', 7, taken), null);
    assert.equal(refuseRepair('mechanic', 8, taken), 'DEFECT_NOT_ASSIGNED_TO_YOU');
    assert.equal(refuseRepair('mechanic', 7, open), 'DEFECT_NOT_ASSIGNED_TO_YOU');
    assert.equal(refuseRepair('admin', 1, open), null);
    assert.equal(refuseRepair('user', 7, taken), 'FORBIDDEN');
    assert.equal(refuseRepair('admin', 1, { status: 'closed', assignedToId: null }), 'DEFECT_NOT_ACTIVE');
  });

  it('assign and close: admins only', () => {
    assert.equal(refuseAssign('admin', taken), null);
    assert.equal(refuseAssign('mechanic', open), 'FORBIDDEN');
    assert.equal(refuseClose('superadmin', { status: 'repaired', assignedToId: 7 }), null);
    assert.equal(refuseClose('admin', { status: 'verified', assignedToId: 7 }), 'DEFECT_NOT_ACTIVE');
    assert.equal(refuseClose('mechanic', open), 'FORBIDDEN');
  });
});

describe('unit state and escalation', () => {
  it('out of service while held or while an ABNORMAL defect is unresolved', () => {
    assert.equal(isOutOfService({ heldByAdmin: false, unresolvedAbnormal: 0 }), false);
    assert.equal(isOutOfService({ heldByAdmin: true, unresolvedAbnormal: 0 }), true);
    assert.equal(isOutOfService({ heldByAdmin: false, unresolvedAbnormal: 2 }), true);
  });

  it('escalates an open ABNORMAL defect after the limit, nothing else', () => {
    const openedAt = new Date('2026-12-01T00:00:00Z');
    const at = (minutes: number) => new Date(openedAt.getTime() + minutes * 60_000);
    assert.equal(isDueForEscalation({ severity: 'abnormal', status: 'open', openedAt }, at(29), 30), false);
    assert.equal(isDueForEscalation({ severity: 'abnormal', status: 'open', openedAt }, at(30), 30), true);
    assert.equal(isDueForEscalation({ severity: 'abnormal', status: 'in_progress', openedAt }, at(90), 30), false);
    assert.equal(isDueForEscalation({ severity: 'warning', status: 'open', openedAt }, at(90), 30), false);
  });
});

describe('availability', () => {
  const day = (iso: string) => new Date(iso);

  it('counts overlapping periods once and clips to the range and to now', () => {
    const start = day('2026-12-01T00:00:00Z');
    const end = day('2026-12-03T00:00:00Z');
    const result = availabilityOver(
      [
        { from: day('2026-11-30T20:00:00Z'), to: day('2026-12-01T04:00:00Z'), reason: 'rem' },
        { from: day('2026-12-01T02:00:00Z'), to: day('2026-12-01T06:00:00Z'), reason: 'ditahan' },
        { from: day('2026-12-01T20:00:00Z'), to: null, reason: 'ban' },
        { from: day('2026-11-20T00:00:00Z'), to: day('2026-11-21T00:00:00Z'), reason: 'lama' },
      ],
      start,
      end,
      day('2026-12-02T00:00:00Z'),
    );
    assert.equal(result.hours_total, 24);
    assert.equal(result.hours_out_of_service, 10);
    assert.equal(result.availability_percent, 58.33);
    assert.deepEqual(result.periods.map((p) => p.reason), ['rem', 'ditahan', 'ban']);
  });

  it('an empty range is fully available', () => {
    const at = day('2026-12-01T00:00:00Z');
    assert.deepEqual(availabilityOver([], at, at, at), { hours_total: 0, hours_out_of_service: 0, availability_percent: 100, periods: [] });
  });

  it('a local day starts at its midnight in the zone', () => {
    assert.equal(startOfLocalDay('2026-12-01', 'Asia/Makassar').toISOString(), '2026-11-30T16:00:00.000Z');
    assert.equal(startOfLocalDay('2026-12-01', 'Asia/Jakarta').toISOString(), '2026-11-30T17:00:00.000Z');
    assert.equal(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString(), '2026-03-28T23:00:00.000Z');
  });
});
