import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abandonedBefore, maySeePhoto } from '../../src/photos/rules.js';
import { ROLES } from '../../src/users/values.js';

describe('maySeePhoto', () => {
  const unattached = { uploaderId: 7, attachedAt: null };
  const attached = { uploaderId: 7, attachedAt: new Date('2026-01-21T00:00:00Z') };

  it('an unattached photo: its uploader only, whatever the role', () => {
    for (const role of ROLES) {
      assert.equal(maySeePhoto({ id: 7, role }, unattached), true, role);
      assert.equal(maySeePhoto({ id: 8, role }, unattached), false, role);
    }
  });

  it('an attached photo: its uploader, and every role that sees all reports (all but the driver)', () => {
    for (const role of ROLES) {
      assert.equal(maySeePhoto({ id: 7, role }, attached), true, role);
      assert.equal(maySeePhoto({ id: 8, role }, attached), role !== 'user', role);
    }
  });
});

describe('abandonedBefore', () => {
  it('is 24 hours before now', () => {
    assert.equal(abandonedBefore(new Date('2026-01-22T06:00:00Z')).toISOString(), '2026-01-21T06:00:00.000Z');
  });
});
