/** The web app's report queue rules (web/src/offline/queue-model.ts): plain functions, no browser. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  afterAttempt,
  afterLogin,
  countWaiting,
  isDue,
  isExpiredSent,
  newQueuedReport,
  outcomeOf,
  QUEUE_RECORD_VERSION,
  reportPayload,
  retryDelayMs,
  upgradeRecord,
  type QueuedReport,
} from '../../web/src/offline/queue-model.js';

const FILLED = new Date('2026-03-02T06:00:00.000Z');

function record(overrides: Partial<QueuedReport> = {}): QueuedReport {
  return {
    ...newQueuedReport({
      id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      userId: 3,
      now: FILLED,
      label: 'P.309 · Shift 2',
      body: {
        vehicle_id: 9,
        shift_number: 2,
        odometer: 20000,
        details: [
          { checklist_item_id: 1, status: 'abnormal', keterangan: 'bocor' },
          { checklist_item_id: 2, status: 'normal', keterangan: null },
        ],
        location: { latitude: -0.5, longitude: 117.1, accuracy_m: 12 },
      },
      photos: [
        { checklist_item_id: 1, blob: new Blob(['a']) },
        { checklist_item_id: 1, blob: new Blob(['b']) },
      ],
    }),
    ...overrides,
  };
}

describe('report queue: what an answer does to a queued report', () => {
  it('201 and 200 (the server already had this id) are sent; 401 waits for a login', () => {
    assert.equal(outcomeOf(201), 'sent');
    assert.equal(outcomeOf(200), 'sent');
    assert.equal(outcomeOf(401), 'login');
  });

  it('no answer, 408, 429 and 5xx are tried again; any other 4xx is the server refusing it for good', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) assert.equal(outcomeOf(status), 'retry', String(status));
    for (const status of [400, 403, 404, 409, 413, 422]) assert.equal(outcomeOf(status), 'rejected', String(status));
  });

  it('an attempt moves the record: sent keeps the report id and time, rejected keeps the reason, retry stays waiting', () => {
    const now = new Date('2026-03-02T07:00:00.000Z');
    const sent = afterAttempt(record(), 'sent', now, { reportId: 55 });
    assert.deepEqual([sent.state, sent.report_id, sent.sent_at, sent.attempts], ['sent', 55, now.toISOString(), 1]);
    const error = { status: 409, code: 'SLOT_TAKEN', message: 'sudah diisi' };
    const rejected = afterAttempt(record(), 'rejected', now, { error });
    assert.deepEqual([rejected.state, rejected.last_error], ['rejected', error]);
    const retry = afterAttempt(record(), 'retry', now, { error: { status: 0, code: 'OFFLINE', message: '' } });
    assert.deepEqual([retry.state, retry.last_attempt_at], ['waiting', now.toISOString()]);
  });

  it('after a new login a record that waited for one is sent again from the start of the backoff', () => {
    const waiting = afterLogin(record({ state: 'login', attempts: 4, last_attempt_at: FILLED.toISOString() }));
    assert.deepEqual([waiting.state, waiting.attempts, waiting.last_attempt_at], ['waiting', 0, null]);
    assert.equal(afterLogin(record({ state: 'rejected' })).state, 'rejected');
  });

  it('backoff: 5 s doubling to a 5 minute cap, with jitter; a record is due once its wait is over', () => {
    assert.equal(retryDelayMs(1, 0.5), 5_000);
    assert.equal(retryDelayMs(2, 0.5), 10_000);
    assert.equal(retryDelayMs(20, 0.5), 300_000);
    assert.equal(retryDelayMs(1, 0), 4_000);
    assert.equal(retryDelayMs(1, 1), 6_000);
    const tried = record({ attempts: 2, last_attempt_at: FILLED.toISOString() });
    assert.equal(isDue(tried, new Date(FILLED.getTime() + 9_000)), false);
    assert.equal(isDue(tried, new Date(FILLED.getTime() + 10_000)), true);
    assert.equal(isDue(record(), FILLED), true, 'a new record goes at once');
    assert.equal(isDue(record({ state: 'sent' }), FILLED), false);
    assert.equal(isDue(record({ state: 'login' }), FILLED), false);
  });

  it('counts what still waits (for signal or a login); sent records go after a day', () => {
    assert.equal(countWaiting([record(), record({ state: 'login' }), record({ state: 'sent' }), record({ state: 'rejected' })]), 2);
    const sent = record({ state: 'sent', sent_at: FILLED.toISOString() });
    assert.equal(isExpiredSent(sent, new Date(FILLED.getTime() + 23 * 3600_000)), false);
    assert.equal(isExpiredSent(sent, new Date(FILLED.getTime() + 25 * 3600_000)), true);
  });
});

describe('report queue: the body sent and the stored format', () => {
  it('puts each uploaded photo id on its answer, with client_submission_id, how long it waited (on the phone clock alone) and the location', () => {
    const uploaded = record();
    uploaded.photos = uploaded.photos.map((p, i) => ({ ...p, uploaded_id: 100 + i }));
    const body = reportPayload(uploaded, FILLED.getTime() + 3 * 3_600_000);
    assert.deepEqual(body.details[0], { checklist_item_id: 1, status: 'abnormal', keterangan: 'bocor', photo_ids: [100, 101] });
    assert.deepEqual(body.details[1], { checklist_item_id: 2, status: 'normal', keterangan: null });
    assert.equal(body.client_submission_id, '7c9e6679-7425-40de-944b-e07fc1f90ae7');
    assert.equal(body.waited_seconds, 3 * 3600);
    assert.deepEqual(body.location, { latitude: -0.5, longitude: 117.1, accuracy_m: 12 });
  });

  it('refuses to build the body while a photo is not uploaded (the sender uploads first)', () => {
    assert.throws(() => reportPayload(record()), /not uploaded/);
  });

  it('reads the records an older release stored (version 1) and ignores what it cannot understand', () => {
    const stored = JSON.parse(JSON.stringify({ ...record(), photos: [] })) as unknown;
    assert.equal(QUEUE_RECORD_VERSION, 1);
    assert.equal(upgradeRecord(stored)?.client_submission_id, '7c9e6679-7425-40de-944b-e07fc1f90ae7');
    assert.equal(upgradeRecord({ ...(stored as object), version: 99 }), null);
    assert.equal(upgradeRecord(null), null);
    assert.equal(upgradeRecord({ version: 1 }), null);
  });
});
