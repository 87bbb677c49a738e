import assert from 'node:assert/strict';
import { it } from 'node:test';
import { scanExpiringDocuments } from '../../src/notifications/expiry-scan.js';
import { addDays } from '../../src/lib/time.js';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { describeEachDatabase, type TestContext } from '../support/app.js';
import { GROUP_CHAT } from './harness.js';

const TZ = 'Asia/Makassar';
/** 05:00 WITA on a given day: when the daily scan runs. */
const at = (day: string) => new Date(`${day}T05:00:00+08:00`);

async function createUnit(ctx: TestContext, unit: string, docs: { stnk_expiry?: string; kir_expiry?: string; pajak_expiry?: string }) {
  return ctx.app.services.vehicles.create(null, { unit_code: unit, plate_number: `KT ${unit.replace(/\D/g, '')} EX`, vehicle_type: 'Light Vehicle', shift_type: 'shift', ...docs });
}

async function alertsFor(ctx: TestContext, vehicleId: number) {
  const { items } = await ctx.app.services.outbox.list({ page: 1, page_size: 100 });
  return items.filter((n) => n.vehicle_id === vehicleId).map((n) => `${n.type}:${n.threshold_key}:${n.expiry_date}`).sort();
}

describeEachDatabase(
  'document expiry scheduler',
  (ctx) => {
    const scan = (day: string) => scanExpiringDocuments({ vehicles: ctx().app.services.vehicles, outbox: ctx().app.services.outbox }, at(day), TZ);

    it('announces each document once at 30, 14, 7, 3, 1 days and on the day, then weekly while expired', async () => {
      const expiry = '2027-03-31';
      const unit = await createUnit(ctx(), 'EXP.001', { stnk_expiry: expiry });
      const sentOn: string[] = [];
      for (let offset = -40; offset <= 22; offset++) {
        const day = addDays(expiry, offset);
        await scan(day);
        const again = await scan(day); // a second run the same day (restart, second worker) adds nothing
        assert.equal(again.alerts_created, 0, `second scan on ${day}`);
        const mine = (await alertsFor(ctx(), unit.id)).length;
        if (mine > sentOn.length) sentOn.push(`${offset}`);
      }
      assert.deepEqual(sentOn, ['-30', '-14', '-7', '-3', '-1', '0', '1', '8', '15', '22']);
      const keys = await alertsFor(ctx(), unit.id);
      assert.deepEqual(keys, [`stnk_expiry:d0:${expiry}`, `stnk_expiry:d1:${expiry}`, `stnk_expiry:d14:${expiry}`, `stnk_expiry:d3:${expiry}`, `stnk_expiry:d30:${expiry}`, `stnk_expiry:d7:${expiry}`, `stnk_expiry:w1:${expiry}`, `stnk_expiry:w2:${expiry}`, `stnk_expiry:w3:${expiry}`, `stnk_expiry:w4:${expiry}`].sort());
    });

    it('a run missed while the system was down happens at the next start, once, for the current threshold', async () => {
      const unit = await createUnit(ctx(), 'EXP.002', { kir_expiry: '2027-05-10', pajak_expiry: '2027-05-20' });
      // Down from 40 days before until 5 days before: one alert for where things stand now (d7), not one per missed day.
      const result = await scan('2027-05-05');
      assert.equal(result.today, '2027-05-05');
      assert.deepEqual(await alertsFor(ctx(), unit.id), ['kir_expiry:d7:2027-05-10', 'pajak_expiry:d30:2027-05-20']);
    });

    it('renewing a document starts its alerts over; several schedulers at once announce once', async () => {
      const unit = await createUnit(ctx(), 'EXP.003', { stnk_expiry: '2027-07-01' });
      await Promise.all([scan('2027-06-28'), scan('2027-06-28'), scan('2027-06-28')]);
      assert.deepEqual(await alertsFor(ctx(), unit.id), ['stnk_expiry:d3:2027-07-01']);
      await ctx().app.services.vehicles.update(null, unit.id, { stnk_expiry: '2028-07-01' });
      await scan('2027-06-29');
      assert.deepEqual(await alertsFor(ctx(), unit.id), ['stnk_expiry:d3:2027-07-01'], 'renewed a year ahead: nothing due');
      await scan('2028-06-01');
      assert.deepEqual(await alertsFor(ctx(), unit.id), ['stnk_expiry:d3:2027-07-01', 'stnk_expiry:d30:2028-07-01'].sort());
    });

    it('alerts go to the admin group with the rendered message; inactive units are not announced', async () => {
      const unit = await createUnit(ctx(), 'EXP.<b>4</b>', { stnk_expiry: '2027-09-10' });
      const retired = await createUnit(ctx(), 'EXP.005', { stnk_expiry: '2027-09-10' });
      await ctx().app.services.vehicles.deactivate(null, retired.id);
      await scan('2027-09-09');
      const { items } = await ctx().app.services.outbox.list({ page: 1, page_size: 100, type: 'stnk_expiry' });
      const mine = items.find((n) => n.vehicle_id === unit.id)!;
      assert.equal(mine.recipient_chat_id, GROUP_CHAT);
      assert.equal(mine.recipient_kind, 'admin_group');
      assert.match(mine.message, /MASA BERLAKU STNK/);
      assert.match(mine.message, /EXP\.&lt;B&gt;4&lt;\/B&gt;/);
      assert.match(mine.message, /10\/09\/2027/);
      assert.ok(!items.some((n) => n.vehicle_id === retired.id));
    });
  },
  { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_CHAT_ID: GROUP_CHAT },
);
