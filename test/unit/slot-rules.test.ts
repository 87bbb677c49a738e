import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { driverOpenSlots, fileableSlots, mayReportForUnit, slotDecision } from '../../src/p2h/slot-rules.js';
import type { Role } from '../../src/users/schema.js';
import type { ShiftType } from '../../src/vehicles/schema.js';

const TZ = 'Asia/Makassar';
const wita = (time: string) => new Date(`2026-01-21T${time}:00+08:00`);
const decide = (time: string, shiftType: ShiftType, slot: number, role: Role = 'user') =>
  slotDecision({ instant: wita(time), timeZone: TZ, shiftType, slot, role }).ok;

describe('slot rule: which slot a driver may file now', () => {
  it('shift: 05:01 opens slot 1 only; slots 2 and 3 are refused, naming slot 1 until 15:30', () => {
    assert.equal(decide('05:01', 'shift', 1), true);
    assert.equal(decide('05:01', 'shift', 2), false);
    assert.equal(decide('05:01', 'shift', 3), false);
    assert.deepEqual(slotDecision({ instant: wita('05:01'), timeZone: TZ, shiftType: 'shift', slot: 3, role: 'user' }), {
      ok: false,
      code: 'SLOT_NOT_OPEN',
      open: [{ slot: 1, until: '15:30' }],
    });
  });

  it('shift: an hour early counts for the next slot, and a slot stays open 30 minutes past its end', () => {
    const table: [string, number[]][] = [
      ['04:59', [3]],
      ['05:00', [1]],
      ['13:59', [1]],
      ['14:00', [1, 2]],
      ['15:29', [1, 2]],
      ['15:30', [2]],
      ['21:59', [2]],
      ['22:00', [2, 3]],
      ['23:30', [3]],
      ['00:00', [3]],
    ];
    for (const [time, slots] of table) {
      assert.deepEqual(driverOpenSlots(wita(time), TZ, 'shift').map((o) => o.slot), slots, time);
    }
  });

  it('long shift: 06–18 and 18–06 with the same grace; non-shift: its one slot all day', () => {
    assert.deepEqual(driverOpenSlots(wita('05:00'), TZ, 'long_shift'), [{ slot: 1, until: '18:30' }]);
    assert.deepEqual(driverOpenSlots(wita('17:30'), TZ, 'long_shift').map((o) => o.slot), [1, 2]);
    assert.deepEqual(driverOpenSlots(wita('03:00'), TZ, 'long_shift'), [{ slot: 2, until: '05:00' }]);
    for (const time of ['00:00', '05:00', '12:00', '23:59']) assert.equal(decide(time, 'non_shift', 1), true, time);
  });

  it('reads the clock in the operational time zone, not the server’s', () => {
    // 22:30 UTC is 06:30 WITA the next morning and 05:30 WIB.
    const instant = new Date('2026-01-21T22:30:00Z');
    assert.deepEqual(driverOpenSlots(instant, 'Asia/Makassar', 'shift').map((o) => o.slot), [1]);
    assert.deepEqual(driverOpenSlots(new Date('2026-01-21T15:30:00Z'), 'Asia/Jakarta', 'shift').map((o) => o.slot), [2, 3]);
  });

  it('admins and superadmins may file any slot of the day; a driver only the open ones', () => {
    for (const role of ['admin', 'superadmin'] as const) {
      assert.equal(decide('05:01', 'shift', 3, role), true);
      assert.deepEqual(fileableSlots(wita('05:01'), TZ, 'shift', role), [1, 2, 3]);
    }
    assert.deepEqual(fileableSlots(wita('05:01'), TZ, 'shift', 'user'), [1]);
  });
});

describe('assigned units (P2H_ASSIGNED_ONLY)', () => {
  it('off: anyone; on: the assigned driver or an admin; a pool unit takes anyone', () => {
    const base = { assignedDriverId: 7, actorId: 8, role: 'user' as Role };
    assert.equal(mayReportForUnit({ ...base, assignedOnly: false }), true);
    assert.equal(mayReportForUnit({ ...base, assignedOnly: true }), false);
    assert.equal(mayReportForUnit({ ...base, assignedOnly: true, actorId: 7 }), true);
    assert.equal(mayReportForUnit({ ...base, assignedOnly: true, role: 'admin' }), true);
    assert.equal(mayReportForUnit({ ...base, assignedOnly: true, assignedDriverId: null }), true);
  });

  it('P2H_ASSIGNED_ONLY defaults to 0, takes 1/0, and names itself when wrong', () => {
    assert.equal(loadConfig({}).assignedOnly, false);
    assert.equal(loadConfig({ P2H_ASSIGNED_ONLY: '1' }).assignedOnly, true);
    assert.equal(loadConfig({ P2H_ASSIGNED_ONLY: '0' }).assignedOnly, false);
    assert.throws(
      () => loadConfig({ P2H_ASSIGNED_ONLY: 'sometimes' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('P2H_ASSIGNED_ONLY must be 1 or 0')),
    );
  });
});
