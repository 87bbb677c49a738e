import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NotificationPreferences } from '../../src/preferences/api-schemas.js';
import { DEFAULT_PREFERENCES } from '../../src/preferences/rules.js';
import { heldLogLine, planRecipient, preferenceTopic, recipientValues, RESENT_DESPITE_OFF } from '../../src/notifications/recipient-plan.js';
import { resendRoute, routeP2hAlert, SKIP_NO_RECIPIENT, SKIP_NOT_LINKED, SKIP_TURNED_OFF, type Route } from '../../src/notifications/routing.js';
import { NOTIFICATION_TYPES } from '../../src/notifications/values.js';

const TZ = 'Asia/Makassar'; // WITA, UTC+8
const wita = (hhmm: string, day = '2026-12-01') => new Date(`${day}T${hhmm}:00+08:00`);
const personal: Route = { status: 'pending', chatId: '555', kind: 'personal' };
const workshop: Route = { status: 'pending', chatId: '556', kind: 'workshop' };
const group: Route = { status: 'pending', chatId: '-100', kind: 'fallback_group', warning: 'user belum link telegram' };
const adminGroup: Route = { status: 'pending', chatId: '-100', kind: 'admin_group' };
const night: NotificationPreferences = { ...DEFAULT_PREFERENCES, quiet_hours_start: '22:00', quiet_hours_end: '06:00' };

describe('recipient plan: a route and a person\'s preferences → the row', () => {
  it('a linked driver\'s WARNING goes silently and now; an ABNORMAL with sound (the defaults)', () => {
    const warning = planRecipient({ route: personal, prefs: DEFAULT_PREFERENCES, type: 'p2h_warning', now: wita('10:00'), timeZone: TZ });
    assert.deepEqual(warning, {
      status: 'pending',
      recipientChatId: '555',
      recipientKind: 'personal',
      lastError: null,
      disableNotification: true,
      nextAttemptAt: wita('10:00'),
      heldUntil: null,
    });
    const abnormal = planRecipient({ route: personal, prefs: DEFAULT_PREFERENCES, type: 'p2h_abnormal', now: wita('10:00'), timeZone: TZ });
    assert.equal(abnormal.disableNotification, false);
    assert.equal(abnormal.status, 'pending');
  });

  it('no preferences stored for a personal chat: the defaults apply', () => {
    assert.equal(planRecipient({ route: personal, prefs: null, type: 'p2h_warning', now: wita('10:00'), timeZone: TZ }).disableNotification, true);
  });

  it('off: a skipped row with the fixed reason, nothing sent', () => {
    const plan = planRecipient({ route: workshop, prefs: { ...DEFAULT_PREFERENCES, defects: 'off' }, type: 'defect_alert', now: wita('10:00'), timeZone: TZ });
    assert.equal(plan.status, 'skipped');
    assert.equal(plan.lastError, SKIP_TURNED_OFF);
    assert.equal(plan.recipientChatId, null);
  });

  it('quiet hours hold everything but an ABNORMAL until they end', () => {
    for (const type of ['p2h_warning', 'defect_repaired', 'defect_alert', 'account_notice'] as const) {
      const route = type === 'defect_alert' ? workshop : personal;
      const plan = planRecipient({ route, prefs: night, type, now: wita('23:30'), timeZone: TZ });
      assert.deepEqual(plan.heldUntil, wita('06:00', '2026-12-02'), type);
      assert.deepEqual(plan.nextAttemptAt, wita('06:00', '2026-12-02'), type);
      assert.equal(plan.status, 'pending', type);
    }
    const abnormal = planRecipient({ route: personal, prefs: night, type: 'p2h_abnormal', now: wita('23:30'), timeZone: TZ });
    assert.equal(abnormal.heldUntil, null);
    assert.deepEqual(abnormal.nextAttemptAt, wita('23:30'));
    assert.equal(abnormal.disableNotification, false);
  });

  it('an ABNORMAL is never off, even if a stored row said so', () => {
    const prefs = { ...DEFAULT_PREFERENCES, p2h_abnormal: 'off' } as unknown as NotificationPreferences;
    const plan = planRecipient({ route: personal, prefs, type: 'p2h_abnormal', now: wita('10:00'), timeZone: TZ });
    assert.equal(plan.status, 'pending');
    assert.equal(plan.disableNotification, false);
  });

  it('groups: WARNING silent, ABNORMAL loud, never held, whoever the alert is about', () => {
    for (const route of [group, adminGroup]) {
      const warning = planRecipient({ route, prefs: night, type: 'p2h_warning', now: wita('23:30'), timeZone: TZ });
      assert.equal(warning.disableNotification, true);
      assert.equal(warning.heldUntil, null);
      const abnormal = planRecipient({ route, prefs: null, type: 'p2h_abnormal', now: wita('23:30'), timeZone: TZ });
      assert.equal(abnormal.disableNotification, false);
      const escalation = planRecipient({ route, prefs: null, type: 'defect_escalation', now: wita('23:30'), timeZone: TZ });
      assert.deepEqual([escalation.disableNotification, escalation.heldUntil], [false, null]);
    }
  });

  it('a skipped route stays skipped with its reason', () => {
    const route = routeP2hAlert({ chatId: null, reachable: false }, undefined, true);
    const plan = planRecipient({ route, prefs: DEFAULT_PREFERENCES, type: 'p2h_warning', now: wita('10:00'), timeZone: TZ });
    assert.deepEqual([plan.status, plan.lastError], ['skipped', SKIP_NO_RECIPIENT]);
  });

  it('an admin\'s resend of a type turned off goes silently, and says so; quiet hours still hold it', () => {
    const prefs = { ...night, p2h_warning: 'off' as const };
    const day = planRecipient({ route: personal, prefs, type: 'p2h_warning', now: wita('10:00'), timeZone: TZ, resentByAdmin: true });
    assert.deepEqual([day.status, day.disableNotification, day.lastError, day.heldUntil], ['pending', true, RESENT_DESPITE_OFF, null]);
    const late = planRecipient({ route: personal, prefs, type: 'p2h_warning', now: wita('23:00'), timeZone: TZ, resentByAdmin: true });
    assert.deepEqual(late.heldUntil, wita('06:00', '2026-12-02'));
  });

  it('every notification type has a topic or none on purpose', () => {
    for (const type of NOTIFICATION_TYPES) preferenceTopic(type);
    assert.equal(preferenceTopic('defect_escalation'), 'defects');
    assert.equal(preferenceTopic('expiry_digest'), 'expiry');
    assert.equal(preferenceTopic('account_notice'), null);
  });

  it('the columns written leave out the log note; the log line names the local time and zone', () => {
    const plan = planRecipient({ route: personal, prefs: night, type: 'p2h_warning', now: wita('23:30'), timeZone: TZ });
    assert.equal('heldUntil' in recipientValues(plan), false);
    assert.equal(heldLogLine(plan.heldUntil!, TZ), "held for the recipient's quiet hours until 06:00 WITA");
  });
});

describe('routing: the seed\'s warning and a resend\'s route', () => {
  it('"user belum link telegram" travels with the route whether or not there is a group', () => {
    const unlinked = { chatId: null, reachable: false };
    assert.equal(routeP2hAlert(unlinked, '-100', true).warning, 'user belum link telegram');
    const none = routeP2hAlert(unlinked, undefined, true);
    assert.deepEqual(none, { status: 'skipped', reason: SKIP_NO_RECIPIENT, warning: 'user belum link telegram' });
  });

  it('a skipped defect alert is resent to the mechanic\'s own chat, not the group', () => {
    const row = { type: 'defect_alert' as const, userId: 7, recipientKind: null, recipientChatId: null };
    assert.deepEqual(resendRoute(row, { chatId: '77', reachable: true }, '-100', true), { status: 'pending', chatId: '77', kind: 'workshop' });
    assert.deepEqual(resendRoute(row, { chatId: null, reachable: false }, '-100', true), { status: 'skipped', reason: SKIP_NOT_LINKED });
    const alert = { type: 'p2h_warning' as const, userId: 7, recipientKind: null, recipientChatId: null };
    assert.equal(resendRoute(alert, { chatId: null, reachable: false }, '-100', true).status, 'pending');
  });

  it("an admin's copy of the daily summary is resent to the admin, the group's copy to the group", () => {
    const mine = { type: 'daily_summary' as const, userId: 7, recipientKind: null, recipientChatId: null };
    assert.deepEqual(resendRoute(mine, { chatId: '77', reachable: true }, '-100', true), { status: 'pending', chatId: '77', kind: 'personal' });
    const group = { type: 'daily_summary' as const, userId: null, recipientKind: 'admin_group' as const, recipientChatId: '-100' };
    assert.deepEqual(resendRoute(group, null, '-100', true), { status: 'pending', chatId: '-100', kind: 'admin_group' });
  });
});
