import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellStatus, monthBounds, monthDays, operationalDayBounds, outOfServiceDays, worstStatus } from '../../src/p2h/compliance-matrix-rules.js';

const TZ = 'Asia/Makassar';
const cell = (filedSlots: number, requiredSlots: number, outOfService = false, date = '2026-02-05') =>
  cellStatus({ date, today: '2026-02-10', filedSlots, requiredSlots, outOfService });

describe('compliance matrix cell status', () => {
  it('all slots filed is complete, some partial, none missing', () => {
    assert.equal(cell(3, 3), 'complete');
    assert.equal(cell(1, 3), 'partial');
    assert.equal(cell(0, 3), 'missing');
    assert.equal(cell(1, 1), 'complete', 'a non-shift unit has one slot');
  });

  it('a stop excuses the missing slots, but a fully filed day stays complete', () => {
    assert.equal(cell(0, 3, true), 'out_of_service');
    assert.equal(cell(1, 3, true), 'out_of_service');
    assert.equal(cell(3, 3, true), 'complete');
  });

  it('days after the unit\'s current operational day are the future, whatever is stored', () => {
    assert.equal(cell(0, 3, false, '2026-02-11'), 'future');
    assert.equal(cell(0, 3, true, '2026-02-11'), 'future');
    assert.equal(cell(0, 3, false, '2026-02-10'), 'missing', 'today is not the future');
  });
});

describe('worst status of a day', () => {
  it('abnormal over warning over normal; no report is null', () => {
    assert.equal(worstStatus(['normal', 'abnormal', 'warning']), 'abnormal');
    assert.equal(worstStatus(['normal', 'warning']), 'warning');
    assert.equal(worstStatus(['normal']), 'normal');
    assert.equal(worstStatus([]), null);
  });
});

describe('month', () => {
  it('lists the days of a month, leap years included', () => {
    const feb = monthDays('2028-02', '2028-02-10');
    assert.ok(feb.ok);
    assert.equal(feb.days.length, 29);
    assert.equal(feb.days[28], '2028-02-29');
    const past = monthDays('2025-12', '2026-02-10');
    assert.ok(past.ok && past.days.length === 31);
  });

  it('refuses what is not a month, and months past next month', () => {
    for (const bad of ['2026-13', '2026-00', 'abc', '2026-1', '1999-12', '']) assert.equal(monthDays(bad, '2026-02-10').ok, false, bad);
    assert.equal(monthDays('2026-03', '2026-02-10').ok, true, 'next month');
    assert.equal(monthDays('2026-04', '2026-02-10').ok, false);
    assert.equal(monthDays('2027-01', '2026-12-31').ok, true, 'next month across the year');
  });
});

describe('out of service days', () => {
  const days = ['2026-02-04', '2026-02-05', '2026-02-06', '2026-02-07'];
  const now = new Date('2026-02-10T09:00:00+08:00');

  it('a shift unit\'s day runs 05:00 to 05:00 WITA', () => {
    const { start, end } = operationalDayBounds('2026-02-05', TZ, 'shift');
    assert.equal(start.toISOString(), '2026-02-04T21:00:00.000Z');
    assert.equal(end.toISOString(), '2026-02-05T21:00:00.000Z');
  });

  it('a period counts for every operational day it touches; an open one runs to now', () => {
    const closed = [{ from: new Date('2026-02-05T07:00:00+08:00'), to: new Date('2026-02-06T04:00:00+08:00') }];
    assert.deepEqual([...outOfServiceDays(closed, monthBounds(days, TZ, 'shift'), now)], ['2026-02-05'], 'ended before 05:00: still the 5th');
    assert.deepEqual([...outOfServiceDays(closed, monthBounds(days, TZ, 'non_shift'), now)], ['2026-02-05', '2026-02-06'], 'past midnight for a non-shift unit');
    const open = [{ from: new Date('2026-02-06T12:00:00+08:00'), to: null }];
    assert.deepEqual([...outOfServiceDays(open, monthBounds(days, TZ, 'shift'), now)], ['2026-02-06', '2026-02-07']);
    assert.equal(outOfServiceDays(open, monthBounds(days, TZ, 'shift'), new Date('2026-02-06T08:00:00+08:00')).size, 0, 'not before it began');
  });
});
