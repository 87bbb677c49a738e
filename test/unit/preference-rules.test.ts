import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PREFERENCES, languageFromTelegram, planDelivery, quietHoursEnd, quietHoursProblem } from '../../src/preferences/rules.js';

const TZ = 'Asia/Makassar'; // WITA, UTC+8
const wita = (hhmm: string, day = '2026-12-01') => new Date(`${day}T${hhmm}:00+08:00`);

describe('who hears what, and how loudly', () => {
  it('defaults: WARNING silent, everything else with sound, nothing held', () => {
    assert.deepEqual(planDelivery(DEFAULT_PREFERENCES, 'p2h_warning', wita('10:00'), TZ), { send: true, silent: true, notBefore: null });
    for (const topic of ['p2h_abnormal', 'defects', 'expiry', 'daily_summary'] as const) {
      assert.deepEqual(planDelivery(DEFAULT_PREFERENCES, topic, wita('10:00'), TZ), { send: true, silent: false, notBefore: null }, topic);
    }
  });

  it('off drops the message', () => {
    assert.deepEqual(planDelivery({ ...DEFAULT_PREFERENCES, expiry: 'off' }, 'expiry', wita('10:00'), TZ), { send: false });
  });

  it('quiet hours across midnight hold a WARNING until they end, in the operational time zone', () => {
    const prefs = { ...DEFAULT_PREFERENCES, quiet_hours_start: '22:00', quiet_hours_end: '05:30' };
    assert.deepEqual(planDelivery(prefs, 'p2h_warning', wita('23:15'), TZ), { send: true, silent: true, notBefore: wita('05:30', '2026-12-02') });
    assert.deepEqual(planDelivery(prefs, 'defects', wita('04:00'), TZ), { send: true, silent: false, notBefore: wita('05:30') });
    assert.deepEqual(planDelivery(prefs, 'defects', wita('05:30'), TZ), { send: true, silent: false, notBefore: null }, 'the end minute is outside');
    assert.deepEqual(planDelivery(prefs, 'defects', wita('21:59'), TZ), { send: true, silent: false, notBefore: null });
  });

  it('an ABNORMAL alert is never held by quiet hours', () => {
    const prefs = { ...DEFAULT_PREFERENCES, quiet_hours_start: '00:00', quiet_hours_end: '23:59', p2h_abnormal: 'silent' as const };
    assert.deepEqual(planDelivery(prefs, 'p2h_abnormal', wita('03:00'), TZ), { send: true, silent: true, notBefore: null });
  });

  it('quiet hours within one day', () => {
    const prefs = { quiet_hours_start: '12:00', quiet_hours_end: '13:00' };
    assert.deepEqual(quietHoursEnd(prefs, wita('12:59'), TZ), wita('13:00'));
    assert.equal(quietHoursEnd(prefs, wita('13:00'), TZ), null);
    assert.equal(quietHoursEnd(prefs, wita('11:59'), TZ), null);
  });

  it('quiet hours are set or cleared together', () => {
    assert.equal(quietHoursProblem(null, null), null);
    assert.equal(quietHoursProblem('22:00', '05:00'), null);
    assert.match(quietHoursProblem('22:00', null)!, /bersama/);
    assert.match(quietHoursProblem('22:00', '22:00')!, /menit yang sama/);
  });

  it('the first language comes from Telegram: English only when it says so', () => {
    assert.equal(languageFromTelegram('en-GB'), 'en');
    assert.equal(languageFromTelegram('id'), 'id');
    assert.equal(languageFromTelegram(undefined), 'id');
    assert.equal(languageFromTelegram('ms'), 'id');
  });
});
