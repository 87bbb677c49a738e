import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAnswers } from '../../src/p2h/answers.js';
import { addDays, timeZoneAbbreviation } from '../../src/lib/time.js';
import { complianceColor, operationalDate, suggestedSlot } from '../../src/p2h/operational-day.js';
import { overallStatus } from '../../src/p2h/status.js';
import { formatPhoneForDisplay, normalizePhone } from '../../src/users/phone.js';
import { canManageRole } from '../../src/users/rules.js';
import { normalizePlate, normalizeUnitCode, searchKey } from '../../src/vehicles/unit-code.js';

describe('overall status', () => {
  it('abnormal outranks warning, warning outranks normal', () => {
    assert.equal(overallStatus([]), 'normal');
    assert.equal(overallStatus(['normal', 'normal']), 'normal');
    assert.equal(overallStatus(['normal', 'warning']), 'warning');
    assert.equal(overallStatus(['warning', 'abnormal', 'warning']), 'abnormal');
    assert.equal(overallStatus(['abnormal', 'warning']), 'abnormal');
    assert.equal(overallStatus(['abnormal']), 'abnormal');
  });
});

describe('phone numbers', () => {
  for (const form of ['081234567890', '6281234567890', '+6281234567890', '+62 812-3456-7890', '812 3456 7890', '0812.3456.7890', '(0812) 3456 7890', '006281234567890']) {
    it(`reads ${form} as +6281234567890`, () => {
      assert.deepEqual(normalizePhone(form), { ok: true, e164: '+6281234567890' });
    });
  }
  for (const bad of ['', '   ', '0812', '08123abc4567', 'abc', '+62 812 3456 7890 1234 5678 9', '12345', '0000000000', '+', '62']) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.equal(normalizePhone(bad).ok, false));
  }
  it('displays Indonesian numbers the way people write them', () => {
    assert.equal(formatPhoneForDisplay('+6281234567890'), '081234567890');
    assert.equal(formatPhoneForDisplay('+14155552671'), '+14155552671');
  });
});

describe('operational day', () => {
  const tz = 'Asia/Makassar';
  it('a shift unit inspected at 02:00 WITA belongs to the previous day', () => {
    const at = new Date('2026-01-22T02:00:00+08:00');
    assert.equal(operationalDate(at, tz, 'shift'), '2026-01-21');
    assert.equal(operationalDate(at, tz, 'long_shift'), '2026-01-21');
    assert.equal(operationalDate(at, tz, 'non_shift'), '2026-01-22');
  });
  it('the shift day turns at 05:00 local time, not UTC', () => {
    assert.equal(operationalDate(new Date('2026-01-22T04:59:00+08:00'), tz, 'shift'), '2026-01-21');
    assert.equal(operationalDate(new Date('2026-01-22T05:00:00+08:00'), tz, 'shift'), '2026-01-22');
    assert.equal(operationalDate(new Date('2026-01-21T23:30:00+08:00'), tz, 'non_shift'), '2026-01-21');
    assert.equal(operationalDate(new Date('2026-01-21T23:30:00+08:00'), 'Asia/Jayapura', 'non_shift'), '2026-01-22');
  });
  it('crosses month and year ends', () => {
    assert.equal(operationalDate(new Date('2026-01-01T01:00:00+08:00'), tz, 'shift'), '2025-12-31');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
  });
  it('suggests the slot from the usual windows, an hour early counting for the next slot', () => {
    const at = (hhmm: string) => new Date(`2026-01-21T${hhmm}:00+08:00`);
    assert.equal(suggestedSlot(at('05:30'), tz, 'shift'), 1);
    assert.equal(suggestedSlot(at('14:59'), tz, 'shift'), 1);
    assert.equal(suggestedSlot(at('15:00'), tz, 'shift'), 2);
    assert.equal(suggestedSlot(at('23:10'), tz, 'shift'), 3);
    assert.equal(suggestedSlot(at('03:00'), tz, 'shift'), 3);
    assert.equal(suggestedSlot(at('17:00'), tz, 'long_shift'), 1);
    assert.equal(suggestedSlot(at('19:00'), tz, 'long_shift'), 2);
    assert.equal(suggestedSlot(at('19:00'), tz, 'non_shift'), 1);
  });
  it('colours compliance', () => {
    assert.equal(complianceColor(3, 3), 'green');
    assert.equal(complianceColor(1, 3), 'yellow');
    assert.equal(complianceColor(0, 1), 'red');
  });
  it('names Indonesian zones by their local abbreviations', () => {
    assert.equal(timeZoneAbbreviation('Asia/Makassar'), 'WITA');
    assert.equal(timeZoneAbbreviation('Asia/Jakarta'), 'WIB');
    assert.equal(timeZoneAbbreviation('Asia/Jayapura'), 'WIT');
  });
});

describe('checklist answers', () => {
  const items = [
    { id: 1, section: 'REM', item_name: 'Rem', order: 1 },
    { id: 2, section: 'RODA', item_name: 'Ban', order: 2 },
  ];
  it('accepts one answer per item and returns them in checklist order', () => {
    const result = checkAnswers(items, [
      { checklist_item_id: 2, status: 'warning', keterangan: ' aus ' },
      { checklist_item_id: 1, status: 'normal' },
    ]);
    assert.ok(result.ok);
    assert.deepEqual(result.answers.map((a) => [a.item.id, a.keterangan]), [[1, null], [2, 'aus']]);
  });
  it('reports every problem: missing, duplicate, not applicable, remark missing', () => {
    const result = checkAnswers(items, [
      { checklist_item_id: 1, status: 'abnormal', keterangan: '   ' },
      { checklist_item_id: 1, status: 'normal' },
      { checklist_item_id: 99, status: 'normal' },
    ]);
    assert.ok(!result.ok);
    assert.deepEqual(result.problems.map((p) => p.code).sort(), ['duplicate_answer', 'item_not_applicable', 'missing_answer', 'remark_required']);
  });
});

describe('unit codes and plates', () => {
  it('normalises what is painted on the unit and searches by letters and digits', () => {
    assert.equal(normalizeUnitCode('  p. 309 '), 'P. 309');
    assert.equal(searchKey('P.309'), 'P309');
    assert.equal(searchKey('p309'), 'P309');
    assert.equal(normalizePlate('kt 1234   ab'), 'KT 1234 AB');
  });
});

describe('who manages whom', () => {
  it('superadmin manages everyone; admin only drivers and viewers; others nobody', () => {
    assert.ok(canManageRole('superadmin', 'superadmin'));
    assert.ok(canManageRole('admin', 'user'));
    assert.ok(canManageRole('admin', 'viewer'));
    assert.ok(!canManageRole('admin', 'admin'));
    assert.ok(!canManageRole('admin', 'superadmin'));
    assert.ok(!canManageRole('user', 'user'));
    assert.ok(!canManageRole('viewer', 'viewer'));
  });
});
