import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ANSWER_STATUS_WORDS,
  FINAL_STATUS_WORDS,
  fitInto,
  groupBySection,
  indonesianDate,
  localDateTime,
  pdfFileName,
  slotLabel,
  STATUS_COLORS,
} from '../../src/p2h/pdf/content.js';

describe('report PDF content', () => {
  it('says every status in words, the final one with what to do, each in its own colour', () => {
    assert.equal(FINAL_STATUS_WORDS.normal, 'NORMAL');
    assert.equal(FINAL_STATUS_WORDS.warning, 'WARNING — PERLU PERBAIKAN');
    assert.equal(FINAL_STATUS_WORDS.abnormal, 'ABNORMAL — STOP OPERASI');
    assert.deepEqual(ANSWER_STATUS_WORDS, { normal: 'NORMAL', warning: 'WARNING', abnormal: 'ABNORMAL' });
    assert.equal(new Set(Object.values(STATUS_COLORS)).size, 3);
  });

  it('groups answers by section in the order sections first appear, keeping the answers\' order', () => {
    const answers = [
      { section: 'REM', n: 1 },
      { section: 'OLI', n: 2 },
      { section: 'REM', n: 3 },
      { section: 'LAMPU', n: 4 },
    ];
    assert.deepEqual(groupBySection(answers), [
      { section: 'REM', answers: [answers[0], answers[2]] },
      { section: 'OLI', answers: [answers[1]] },
      { section: 'LAMPU', answers: [answers[3]] },
    ]);
    assert.deepEqual(groupBySection([]), []);
  });

  it('names the file by unit, date and slot, with only safe characters', () => {
    assert.equal(pdfFileName('DT-0142', '2026-01-21', 1), 'p2h-DT-0142-2026-01-21-shift1.pdf');
    assert.equal(pdfFileName('LV 07/"A"', '2026-01-21', 2), 'p2h-LV-07-A-2026-01-21-shift2.pdf');
    assert.equal(pdfFileName('Ünit', '2026-01-21', 3), 'p2h-Unit-2026-01-21-shift3.pdf');
    assert.equal(pdfFileName('///', '2026-01-21', 1), 'p2h-unit-2026-01-21-shift1.pdf');
  });

  it('writes dates and times as the fleet reads them, in its zone', () => {
    assert.equal(indonesianDate('2026-01-21'), '21 Januari 2026');
    assert.equal(localDateTime('2026-01-20T22:42:00.000Z', 'Asia/Makassar'), '21 Januari 2026 06:42 WITA');
    assert.equal(localDateTime('2026-01-20T22:42:00.000Z', 'Asia/Jakarta'), '21 Januari 2026 05:42 WIB');
    assert.equal(slotLabel(2, 'long_shift'), 'Shift 2 (Long shift)');
  });

  it('fits a photo into its box keeping its shape, never enlarging it', () => {
    assert.deepEqual(fitInto({ width: 320, height: 240 }, { width: 120, height: 90 }), { width: 120, height: 90 });
    assert.deepEqual(fitInto({ width: 240, height: 320 }, { width: 120, height: 90 }), { width: 67.5, height: 90 });
    assert.deepEqual(fitInto({ width: 60, height: 40 }, { width: 120, height: 90 }), { width: 60, height: 40 });
  });
});
