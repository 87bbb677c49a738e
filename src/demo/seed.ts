import type { Services } from '../services.js';
import { addDays, localTime } from '../lib/time.js';
import type { P2hStatus } from '../p2h/schema.js';
import type { Role } from '../users/schema.js';
import type { Actor } from '../users/service.js';

/** Shared by every demo account; printed at start and listed in the README. Demo mode only. */
export const DEMO_PASSWORD = 'demo12345';

export const DEMO_USERS: { role: Role; name: string; phone: string; email: string }[] = [
  { role: 'superadmin', name: 'Demo Superadmin', phone: '081100000001', email: 'superadmin@p2h.demo' },
  { role: 'admin', name: 'Demo Admin', phone: '081100000002', email: 'admin@p2h.demo' },
  { role: 'user', name: 'Budi Santoso (driver)', phone: '081100000003', email: 'budi@p2h.demo' },
  { role: 'user', name: 'Rahmat Hidayat (driver)', phone: '081100000004', email: 'rahmat@p2h.demo' },
  { role: 'viewer', name: 'Pos Security (viewer)', phone: '081100000005', email: 'viewer@p2h.demo' },
  { role: 'mechanic', name: 'Joko Susilo (mekanik)', phone: '081100000006', email: 'mekanik@p2h.demo' },
];

/** Units with documents relative to today: one expired, some expiring within days. */
const DEMO_UNITS = [
  { unit_code: 'P.309', plate_number: 'KT 1234 AB', vehicle_type: 'Light Vehicle', shift_type: 'shift', brand: 'Toyota Hilux', docs: { stnk: 3, kir: 45, pajak: 200 } },
  { unit_code: 'P.310', plate_number: 'KT 8810 CD', vehicle_type: 'Double Cabin', shift_type: 'shift', brand: 'Mitsubishi Strada', docs: { stnk: -2, kir: 6, pajak: 90 } },
  { unit_code: 'B.101', plate_number: 'KT 7001 BU', vehicle_type: 'Bus', shift_type: 'long_shift', brand: 'Hino', docs: { stnk: 300, kir: 12, pajak: 120 } },
  { unit_code: 'A.01', plate_number: 'KT 1199 AM', vehicle_type: 'Ambulance', shift_type: 'non_shift', brand: 'Toyota Hiace', docs: { stnk: 150, kir: 30, pajak: 60 } },
  { unit_code: 'FT.02', plate_number: 'KT 9902 FT', vehicle_type: 'Fire Truck', shift_type: 'long_shift', brand: 'Isuzu', docs: { stnk: 400, kir: 100, pajak: 1 } },
  { unit_code: 'EV.15', plate_number: 'KT 1515 EV', vehicle_type: 'Electric Vehicle', shift_type: 'non_shift', brand: 'Hyundai Ioniq 5', docs: { stnk: 500, kir: 365, pajak: 250 } },
  { unit_code: 'DT.21', plate_number: 'KT 2121 DT', vehicle_type: 'Dump Truck', shift_type: 'shift', brand: 'Hino 500', docs: { stnk: 220, kir: 20, pajak: 180 } },
  { unit_code: 'EX.05', plate_number: 'EX-05', vehicle_type: 'Excavator', shift_type: 'shift', brand: 'Komatsu PC200', docs: { stnk: 365, kir: 365, pajak: 365 } },
] as const;

/** Types the default checklist does not list but a mine has. */
const DEMO_EXTRA_TYPES = ['Dump Truck', 'Excavator'];

/**
 * Items that do not fit every type, limited by the name's start: an electric unit has no engine oil or
 * exhaust, an excavator runs on tracks and has no STNK/KIR. Every other item stays for every type.
 */
const NOT_FOR: Record<string, string[]> = {
  'OLI MESIN': ['Electric Vehicle'],
  'OLI KOPLING': ['Electric Vehicle', 'Excavator'],
  KNALPOT: ['Electric Vehicle'],
  'DEPAN/BELAKANG: Tekanan': ['Excavator'],
  CADANGAN: ['Excavator'],
  DONGKRAK: ['Excavator'],
  'KONCI RODA': ['Excavator'],
  STNK: ['Excavator'],
  KIR: ['Excavator'],
};

/** Fills an empty database with something to look at. Returns false when there were users already. */
export async function seedDemo(services: Services, timezone = 'Asia/Makassar', now = services.clock()): Promise<boolean> {
  if ((await services.users.count()) > 0) return false;
  const system: Actor = { id: 0, role: 'superadmin', fullName: 'system' };

  const accounts = new Map<string, Actor>();
  for (const demo of DEMO_USERS) {
    const user = await services.users.create(system, {
      full_name: demo.name,
      phone_number: demo.phone,
      email: demo.email,
      role: demo.role,
      password: DEMO_PASSWORD,
    });
    accounts.set(demo.phone, { id: user.id, role: user.role, fullName: user.full_name });
  }
  const budi = accounts.get('081100000003')!;
  const rahmat = accounts.get('081100000004')!;
  const joko = accounts.get('081100000006')!;
  await limitItemsToTypes(services);

  const today = localTime(now, timezone).date;
  const units = [];
  for (const unit of DEMO_UNITS) {
    units.push(
      await services.vehicles.create(null, {
        unit_code: unit.unit_code,
        plate_number: unit.plate_number,
        vehicle_type: unit.vehicle_type,
        shift_type: unit.shift_type,
        brand: unit.brand,
        assigned_driver_id: unit.shift_type === 'shift' ? budi.id : rahmat.id,
        stnk_expiry: addDays(today, unit.docs.stnk),
        kir_expiry: addDays(today, unit.docs.kir),
        pajak_expiry: addDays(today, unit.docs.pajak),
      }),
    );
  }

  const yesterday = new Date(now.getTime() - 24 * 3600_000);
  const reports: { unit: number; shift: number; by: Actor; at: Date; problems: [number, P2hStatus, string][] }[] = [
    { unit: 0, shift: 1, by: budi, at: yesterday, problems: [] },
    { unit: 0, shift: 2, by: budi, at: yesterday, problems: [[12, 'warning', 'Ban depan kiri mulai gundul']] },
    { unit: 1, shift: 1, by: budi, at: yesterday, problems: [[4, 'abnormal', 'Rem depan bunyi & tidak pakem']] },
    { unit: 2, shift: 1, by: rahmat, at: yesterday, problems: [] },
    { unit: 3, shift: 1, by: rahmat, at: yesterday, problems: [[7, 'warning', 'Lampu sein kanan mati']] },
    { unit: 0, shift: 1, by: budi, at: now, problems: [] },
    { unit: 2, shift: 1, by: rahmat, at: now, problems: [[5, 'abnormal', 'Rem tangan tidak menahan'], [0, 'warning', 'Oli mesin kurang']] },
    { unit: 4, shift: 1, by: rahmat, at: now, problems: [] },
  ];
  for (const report of reports) {
    const vehicle = units[report.unit]!;
    const items = await services.checklist.applicableItems(vehicle.vehicle_type);
    const details = items.map((item) => ({ checklist_item_id: item.id, status: 'normal' as P2hStatus, keterangan: null as string | null }));
    for (const [index, status, remark] of report.problems) details[index] = { ...details[index]!, status, keterangan: remark };
    await services.p2h.submit(report.by, { vehicle_id: vehicle.id, shift_number: report.shift, odometer: 10_000 + report.unit * 1000, details }, report.at);
  }
  await seedWorkshop(services, joko, units[1]!.id, units[2]!.id);
  return true;
}

async function limitItemsToTypes(services: Services): Promise<void> {
  await services.vehicles.ensureTypes(DEMO_EXTRA_TYPES);
  const types = await services.vehicles.typeNames();
  for (const item of await services.checklist.listAll()) {
    const prefix = Object.keys(NOT_FOR).find((start) => item.item_name.startsWith(start));
    if (prefix) await services.checklist.update(null, item.id, { vehicle_types: types.filter((type) => !NOT_FOR[prefix]!.includes(type)) });
  }
}

/**
 * The workshop at work: P.310's brake (yesterday's ABNORMAL) already repaired, so its next P2H shows
 * "sudah diperbaiki, periksa lagi" and the unit is back in service; B.101's oil taken by the mechanic;
 * B.101's hand brake still open, so B.101 is STOP OPERASI.
 */
async function seedWorkshop(services: Services, mechanic: Actor, p310: number, b101: number): Promise<void> {
  const [brake] = (await services.defects.list({ page: 1, page_size: 10, vehicle_id: p310, status: 'open', severity: 'abnormal' })).items;
  if (brake) {
    await services.defects.take(mechanic, brake.id);
    await services.defects.repair(mechanic, brake.id, 'Kampas rem depan diganti, rem disetel ulang');
  }
  const [oil] = (await services.defects.list({ page: 1, page_size: 10, vehicle_id: b101, status: 'open', severity: 'warning' })).items;
  if (oil) await services.defects.take(mechanic, oil.id);
}

export function printDemoLogins(address: string, justSeeded: boolean, publicHost: string | null): void {
  console.log(demoLoginLines(address, justSeeded, publicHost).join('\n'));
}

/** The start banner; on a HOST others can reach (`publicHost`) it says loudly that anyone may log in. */
export function demoLoginLines(address: string, justSeeded: boolean, publicHost: string | null): string[] {
  const warning = publicHost
    ? [
        '',
        '!'.repeat(78),
        `!! WARNING: DEMO MODE ON A PUBLIC ADDRESS (HOST=${publicHost}, P2H_DEMO=1)`,
        `!! Anyone who can reach it can log in, as superadmin too, with the published password ${DEMO_PASSWORD}.`,
        '!! For real use: P2H_DEMO=0 with ADMIN_PHONE, ADMIN_PASSWORD and JWT_SECRET (and DATABASE_URL).',
        '!'.repeat(78),
      ]
    : [];
  return [
    ...warning,
    '',
    `P2H demo ${justSeeded ? 'data created' : 'mode'}: open ${address} or the API docs at ${address}/docs`,
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.phone}  ${u.email.padEnd(20)} ${u.name}`),
    ...warning,
    '',
  ];
}
