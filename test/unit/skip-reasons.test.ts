/** Every reason the server gives for skipping a notification reads as a sentence in both web languages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SKIP_REASONS } from '../../src/notifications/routing.js';
import { RESENT_DESPITE_OFF } from '../../src/notifications/recipient-plan.js';
import { noteText, SKIP_REASON_TEXT, skipReasonText } from '../../web/src/i18n/skip-reasons.js';

describe('skip reasons in the web', () => {
  it('each server reason has a translation in every language, keyed by its exact text', () => {
    for (const reason of SKIP_REASONS) {
      for (const lang of ['id', 'en'] as const) {
        const text = skipReasonText(reason, lang);
        assert.ok(text && text.trim().length > 0, `no ${lang} text for the server's skip reason "${reason}": add it to web/src/i18n/skip-reasons.ts`);
        assert.notEqual(text, reason, `"${reason}" is not translated for ${lang}`);
      }
    }
  });

  it('holds no reason the server no longer gives', () => {
    for (const reason of Object.keys(SKIP_REASON_TEXT)) assert.ok(SKIP_REASONS.includes(reason), `"${reason}" is not in SKIP_REASONS any more`);
  });

  it('the note on a row an admin resent although it was turned off reads in both languages', () => {
    for (const lang of ['id', 'en'] as const) {
      const text = noteText(RESENT_DESPITE_OFF, lang);
      assert.ok(text && text !== RESENT_DESPITE_OFF, `no ${lang} text for "${RESENT_DESPITE_OFF}"`);
    }
    assert.equal(noteText('Bad Request: chat not found', 'id'), undefined);
  });

  it('anything else (a Telegram error) is not ours to translate', () => {
    assert.equal(skipReasonText('Bad Request: chat not found', 'id'), undefined);
    assert.equal(skipReasonText('toString', 'en'), undefined);
    assert.equal(skipReasonText(null, 'en'), undefined);
  });
});
