import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFECTS_LISTED, renderDailySummary, type DailySummaryData } from '../../src/notifications/render-summary.js';

const data: DailySummaryData = {
  date: '2026-12-01',
  at: new Date('2026-12-01T18:00:00+08:00'),
  timeZone: 'Asia/Makassar',
  compliance: { total_units: 4, inspected_units: 2, missing: [{ unit_code: 'P.<3>' }, { unit_code: 'P.4' }] },
  outOfService: [{ unit_code: 'DT.1', reason: 'Rem blong & bocor', since: new Date('2026-11-30T14:05:00+08:00') }],
  defectsOpened: Array.from({ length: DEFECTS_LISTED + 2 }, (_, i) => ({ unit_code: `U.${i}`, item_name: 'Lampu', severity: 'warning' as const })),
  defectsRepaired: [{ unit_code: 'DT.2', item_name: 'Ban', severity: 'abnormal' }],
  failedNotifications: 3,
};

describe('daily summary text', () => {
  it('Indonesian: compliance with the missing units named (escaped), out of service since when, defects counted, failures', () => {
    const text = renderDailySummary(data, 'id');
    assert.match(text, /^📊 <b>Ringkasan Harian P2H<\/b>\n<i>1 Des 2026, 18:00 WITA<\/i>/);
    assert.match(text, /Kepatuhan P2H<\/b>: 2 dari 4 unit \(50%\)/);
    assert.match(text, /Belum P2H \(2\): <code>P\.&lt;3&gt;<\/code>, <code>P\.4<\/code>/);
    assert.match(text, /<code>DT\.1<\/code> — Rem blong &amp; bocor \(sejak 30 Nov 2026 14:05 WITA\)/);
    assert.match(text, /Defect hari ini<\/b>: 17 dibuka, 1 diperbaiki/);
    assert.match(text, /… dan 2 lainnya/);
    assert.match(text, /Notifikasi gagal hari ini: 3/);
  });

  it('English throughout, with no Indonesian phrase left in', () => {
    const text = renderDailySummary(data, 'en');
    assert.match(text, /P2H Daily Summary/);
    assert.match(text, /1 Dec 2026, 18:00 WITA/);
    assert.match(text, /2 of 4 units \(50%\)/);
    assert.match(text, /No P2H yet \(2\):/);
    assert.match(text, /since 30 Nov 2026 14:05 WITA/);
    assert.match(text, /… and 2 more/);
    assert.doesNotMatch(text, /Belum|dari|sejak|dibuka|diperbaiki|lainnya|gagal|Notifikasi/);
  });

  it('a quiet day says so', () => {
    const quiet = { ...data, compliance: { total_units: 2, inspected_units: 2, missing: [] }, outOfService: [], defectsOpened: [], defectsRepaired: [], failedNotifications: 0 };
    assert.match(renderDailySummary(quiet, 'id'), /Semua unit yang beroperasi sudah P2H\.[\s\S]*Unit tidak beroperasi<\/b>: tidak ada/);
    assert.match(renderDailySummary(quiet, 'en'), /Every unit in service has its P2H\.[\s\S]*Units out of service<\/b>: none/);
  });
});
