/** The web's one formatting helper (web/src/i18n/format.ts): the app's language and WITA, never the machine's locale or zone. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appDate, appHour, APP_TIME_ZONE, formatAge, formatDate, formatDateTime, formatMessage, formatNumber, formatTime, pluralOf } from '../../web/src/i18n/format.js';

// 06:30 UTC is 14:30 in Makassar (UTC+8, no daylight saving), whatever zone this machine runs in.
const MOMENT = '2026-01-21T06:30:00.000Z';

describe('web format helper', () => {
  it('writes numbers the way the app language does, not the way the machine does', () => {
    assert.equal(formatNumber('id', 1234567.5), '1.234.567,5');
    assert.equal(formatNumber('en', 1234567.5), '1,234,567.5');
    assert.equal(formatNumber('id', 97.46, 1), '97,5');
    assert.equal(formatNumber('en', 97.46, 1), '97.5');
    assert.equal(formatNumber('id', 720, 0), '720');
  });

  it('shows every time of day in WITA, with the zone named', () => {
    assert.equal(APP_TIME_ZONE, 'Asia/Makassar');
    assert.equal(formatTime('id', MOMENT), '14.30 WITA');
    assert.equal(formatTime('en', new Date(MOMENT)), '14:30 WITA');
    assert.equal(formatDateTime('id', MOMENT), '21 Jan 2026 14.30 WITA');
    assert.equal(formatDateTime('en', MOMENT), '21 Jan 2026 14:30 WITA');
    // 17:00 UTC is already the next day in WITA: the date moves with the zone.
    assert.equal(formatDateTime('en', '2026-01-21T17:00:00Z'), '22 Jan 2026 01:00 WITA');
    assert.equal(formatTime('en', '2026-01-21T16:00:00Z'), '00:00 WITA', 'midnight is 00, never 24');
  });

  it('a calendar date stays the date it names, in each language', () => {
    assert.equal(formatDate('id', '2026-08-17'), '17 Agu 2026');
    assert.equal(formatDate('en', '2026-08-17'), '17 Aug 2026');
    assert.equal(formatDate('en', 'not a date'), 'not a date');
  });

  it('today and the hour are read on the WITA clock', () => {
    assert.equal(appDate(new Date('2026-01-21T15:59:00Z')), '2026-01-21');
    assert.equal(appDate(new Date('2026-01-21T16:00:00Z')), '2026-01-22');
    assert.equal(appDate(new Date('2026-01-31T16:00:00Z'), 30), '2026-03-03');
    assert.equal(appDate(new Date('2026-01-01T00:00:00Z'), -1), '2025-12-31');
    assert.equal(appHour(new Date('2026-01-21T22:59:00Z')), 6);
    assert.equal(appHour(new Date('2026-01-21T16:00:00Z')), 0);
  });

  it('how long ago, in the app language, never in the future', () => {
    const now = Date.parse(MOMENT);
    assert.equal(formatAge('id', '2026-01-21T03:30:00Z', now), '3 jam yang lalu');
    assert.equal(formatAge('en', '2026-01-19T06:30:00Z', now), '2 days ago');
    assert.equal(formatAge('en', '2026-01-21T06:35:00Z', now), formatAge('en', MOMENT, now), 'a server clock ahead of the phone is not the future');
    assert.doesNotMatch(formatAge('en', '2026-01-21T06:35:00Z', now), /^in /);
  });

  it('plurals: English has one and other; Indonesian never changes the noun', () => {
    assert.equal(pluralOf('en', 1), 'one');
    assert.equal(pluralOf('en', 2), 'other');
    assert.equal(pluralOf('id', 1), 'other');
    const daysLeft = { other: '{n} days left', one: '{n} day left' };
    assert.equal(formatMessage('en', daysLeft, { n: 1 }), '1 day left');
    assert.equal(formatMessage('en', daysLeft, { n: 3 }), '3 days left');
    assert.equal(formatMessage('en', daysLeft, { n: 0 }), '0 days left');
    assert.equal(formatMessage('id', { other: '{n} hari lagi' }, { n: 1 }), '1 hari lagi');
    assert.equal(formatMessage('en', { other: '{n} days left' }, { n: 1 }), '1 days left', 'a message without a singular keeps its one form');
  });

  it('numbers inside messages follow the language too, except ids', () => {
    assert.equal(formatMessage('id', { other: '{n} notifikasi' }, { n: 1234 }), '1.234 notifikasi');
    assert.equal(formatMessage('en', { other: '{n} notifications', one: '{n} notification' }, { n: 1234 }), '1,234 notifications');
    assert.equal(formatMessage('id', { other: 'Laporan #{id}' }, { id: 12345 }), 'Laporan #12345');
    assert.equal(formatMessage('en', { other: 'Hello {name}, {missing}' }, { name: 'Budi' }), 'Hello Budi, {missing}');
  });
});
