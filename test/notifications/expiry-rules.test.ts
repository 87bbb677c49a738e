import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../../src/lib/time.js';
import { daysBetween, dueExpiryAlert, expiryUrgency, THRESHOLDS } from '../../src/notifications/expiry-rules.js';

describe('daysBetween', () => {
  it('counts calendar days, positive when the second date is later', () => {
    assert.equal(daysBetween('2026-01-21', '2026-01-21'), 0);
    assert.equal(daysBetween('2026-01-21', '2026-01-22'), 1);
    assert.equal(daysBetween('2026-01-22', '2026-01-21'), -1);
    assert.equal(daysBetween('2026-01-01', '2026-12-31'), 364);
  });

  it('crosses month and year ends', () => {
    assert.equal(daysBetween('2025-12-31', '2026-01-01'), 1);
    assert.equal(daysBetween('2025-12-25', '2026-01-05'), 11);
    assert.equal(daysBetween('2026-01-31', '2026-03-01'), 29);
    assert.equal(daysBetween('2026-04-30', '2026-05-01'), 1);
  });

  it('knows leap years (2024, 2000) from common years (2026, 1900, 2100)', () => {
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('2024-02-28', '2024-02-29'), 1);
    assert.equal(daysBetween('2024-02-29', '2024-03-01'), 1);
    assert.equal(daysBetween('2026-02-28', '2026-03-01'), 1);
    assert.equal(daysBetween('2000-02-28', '2000-03-01'), 2);
    assert.equal(daysBetween('1900-02-28', '1900-03-01'), 1);
    assert.equal(daysBetween('2100-02-28', '2100-03-01'), 1);
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(daysBetween('2025-01-01', '2026-01-01'), 365);
  });

  it('is not moved by daylight-saving time of the machine or of any zone', () => {
    // Across the European and US DST switches: still whole days.
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-10-24', '2026-10-26'), 2);
    assert.equal(daysBetween('2026-03-07', '2026-03-09'), 2);
  });

  it('agrees with addDays over several years', () => {
    const start = '2023-11-15';
    for (let n = -800; n <= 800; n += 7) assert.equal(daysBetween(start, addDays(start, n)), n);
  });

  it('refuses what is not a YYYY-MM-DD calendar date', () => {
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '21/01/2026', '', '2026-01-21T00:00:00Z']) {
      assert.throws(() => daysBetween(bad, '2026-01-01'), RangeError, bad);
      assert.throws(() => daysBetween('2026-01-01', bad), RangeError, bad);
    }
  });
});

describe('dueExpiryAlert', () => {
  const expiry = '2026-06-15';
  /** The slot on the day that is `daysLeft` days before the expiry date. */
  const slotAt = (daysLeft: number) => dueExpiryAlert(expiry, addDays(expiry, -daysLeft));

  const expected: [daysLeft: number, key: string | undefined][] = [
    [365, undefined],
    [31, undefined],
    [30, 'd30'],
    [20, 'd30'],
    [15, 'd30'],
    [14, 'd14'],
    [10, 'd14'],
    [8, 'd14'],
    [7, 'd7'],
    [5, 'd7'],
    [4, 'd7'],
    [3, 'd3'],
    [2, 'd3'],
    [1, 'd1'],
    [0, 'd0'],
    [-1, 'w1'],
    [-7, 'w1'],
    [-8, 'w2'],
    [-14, 'w2'],
    [-15, 'w3'],
    [-21, 'w3'],
    [-22, 'w4'],
    [-365, 'w53'],
  ];
  for (const [daysLeft, key] of expected) {
    it(`${daysLeft} days left → ${key ?? 'no alert'}`, () => {
      const due = slotAt(daysLeft);
      if (key === undefined) assert.equal(due, undefined);
      else assert.deepEqual(due, { key, daysLeft });
    });
  }

  it('a daily run announces each threshold once, then weekly once expired', () => {
    const sent = new Set<string>();
    const announced: [string, number][] = [];
    for (let day = -60; day <= 60; day++) {
      const due = dueExpiryAlert(expiry, addDays(expiry, day));
      if (due && !sent.has(due.key)) {
        sent.add(due.key);
        announced.push([due.key, due.daysLeft]);
      }
    }
    assert.deepEqual(announced, [
      ['d30', 30],
      ['d14', 14],
      ['d7', 7],
      ['d3', 3],
      ['d1', 1],
      ['d0', 0],
      ['w1', -1],
      ['w2', -8],
      ['w3', -15],
      ['w4', -22],
      ['w5', -29],
      ['w6', -36],
      ['w7', -43],
      ['w8', -50],
      ['w9', -57],
    ]);
  });

  it('after downtime, one catch-up alert for the current state, not one per missed threshold', () => {
    // Last run 20 days before expiry (d30 sent); the system comes back 2 days before expiry.
    assert.equal(slotAt(20)?.key, 'd30');
    assert.deepEqual(slotAt(2), { key: 'd3', daysLeft: 2 });
    // Down across the expiry date: the next run reports it expired.
    assert.deepEqual(slotAt(-10), { key: 'w2', daysLeft: -10 });
  });

  it('a renewed document starts over (the key is only unique together with the expiry date)', () => {
    const today = '2026-06-20';
    assert.equal(dueExpiryAlert('2026-06-15', today)?.key, 'w1');
    assert.equal(dueExpiryAlert('2027-06-15', today), undefined);
    assert.equal(dueExpiryAlert('2027-06-15', '2027-05-20')?.key, 'd30');
  });

  it('handles leap days and year ends', () => {
    assert.deepEqual(dueExpiryAlert('2024-02-29', '2024-01-30'), { key: 'd30', daysLeft: 30 });
    assert.equal(dueExpiryAlert('2024-02-29', '2024-01-29'), undefined);
    assert.deepEqual(dueExpiryAlert('2024-02-29', '2024-02-22'), { key: 'd7', daysLeft: 7 });
    assert.deepEqual(dueExpiryAlert('2024-02-29', '2024-02-29'), { key: 'd0', daysLeft: 0 });
    assert.deepEqual(dueExpiryAlert('2024-02-29', '2024-03-01'), { key: 'w1', daysLeft: -1 });
    assert.deepEqual(dueExpiryAlert('2024-03-01', '2024-02-28'), { key: 'd3', daysLeft: 2 });
    assert.deepEqual(dueExpiryAlert('2026-01-01', '2025-12-31'), { key: 'd1', daysLeft: 1 });
    assert.deepEqual(dueExpiryAlert('2026-01-05', '2025-12-25'), { key: 'd14', daysLeft: 11 });
    assert.deepEqual(dueExpiryAlert('2025-12-31', '2026-01-08'), { key: 'w2', daysLeft: -8 });
    assert.deepEqual(dueExpiryAlert('2026-01-30', '2025-12-31'), { key: 'd30', daysLeft: 30 });
  });

  it('exports the thresholds in descending order', () => {
    assert.deepEqual([...THRESHOLDS], [30, 14, 7, 3, 1, 0]);
  });
});

describe('expiryUrgency', () => {
  it('≤0 expired, ≤7 urgent, otherwise a warning', () => {
    assert.equal(expiryUrgency(-30), 'expired');
    assert.equal(expiryUrgency(0), 'expired');
    assert.equal(expiryUrgency(1), 'urgent');
    assert.equal(expiryUrgency(7), 'urgent');
    assert.equal(expiryUrgency(8), 'warning');
    assert.equal(expiryUrgency(30), 'warning');
  });
});
