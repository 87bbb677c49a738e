import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameRecord } from '../../src/audit/rules.js';

describe('audit rules: sameRecord', () => {
  it('ignores updated_at and key order', () => {
    assert.ok(sameRecord({ a: 1, b: 'x', updated_at: '2026-01-01' }, { b: 'x', a: 1, updated_at: '2026-01-02' }));
  });
  it('sees a changed value, an added field and a change from nothing', () => {
    assert.ok(!sameRecord({ a: 1 }, { a: 2 }));
    assert.ok(!sameRecord({ a: 1 }, { a: 1, b: null }));
    assert.ok(!sameRecord(null, { a: 1 }));
    assert.ok(sameRecord(null, undefined));
  });
});
