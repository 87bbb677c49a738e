import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarDate, wallClock } from '../../src/exports/cell-values.js';
import { columnLetter } from '../../src/exports/sheet-series.js';
import { exportFileName, exportRangeProblems, MAX_EXPORT_DAYS } from '../../src/exports/range.js';

describe('reports export: range rule, file name and cell values', () => {
  it('takes a range of up to a year, in order', () => {
    assert.deepEqual(exportRangeProblems('2026-11-01', '2026-11-30'), []);
    assert.deepEqual(exportRangeProblems('2026-11-01', '2026-11-01'), [], 'one day');
    assert.equal(MAX_EXPORT_DAYS, 366);
    assert.deepEqual(exportRangeProblems('2024-01-01', '2024-12-31'), [], 'a leap year is 366 days');
    assert.match(exportRangeProblems('2024-01-01', '2025-01-01')[0]!.message, /366 hari \(diminta 367 hari\)/);
    assert.deepEqual(exportRangeProblems('2026-11-02', '2026-11-01'), [{ field: 'querystring.date_to', code: 'date_range', message: 'tidak boleh sebelum date_from' }]);
  });

  it('names the file by its range', () => {
    assert.equal(exportFileName('2026-11-01', '2026-11-30'), 'p2h-laporan-2026-11-01_2026-11-30.xlsx');
  });

  it('writes dates as the calendar day and times as the wall clock of the zone', () => {
    assert.equal(calendarDate('2026-11-03').toISOString(), '2026-11-03T00:00:00.000Z');
    // 23:30 UTC is 07:30 the next morning in WITA (UTC+8) and 06:30 in WIB.
    assert.equal(wallClock(new Date('2026-11-02T23:30:15Z'), 'Asia/Makassar').toISOString(), '2026-11-03T07:30:15.000Z');
    assert.equal(wallClock(new Date('2026-11-02T23:30:15Z'), 'Asia/Jakarta').toISOString(), '2026-11-03T06:30:15.000Z');
  });

  it('letters columns as Excel does', () => {
    assert.deepEqual([1, 10, 26, 27, 52, 703].map(columnLetter), ['A', 'J', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
