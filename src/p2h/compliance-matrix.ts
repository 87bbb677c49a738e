import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../lib/errors.js';
import { addDays, localTime } from '../lib/time.js';
import { servicePeriodsBetween } from '../vehicles/service-periods-between.js';
import type { VehicleSummary, VehiclesService } from '../vehicles/service.js';
import { filedDays, type FiledDay } from './compliance-matrix-query.js';
import { cellStatus, monthBounds, monthDays, monthOf, operationalDayBounds, outOfServiceDays, worstStatus, type DayBounds, type MatrixStatus } from './compliance-matrix-rules.js';
import { operationalDate, SLOTS_PER_DAY } from './operational-day.js';
import type { ShiftType } from '../vehicles/values.js';
import type { P2hStatus } from './values.js';

export interface MatrixCell {
  date: string;
  status: MatrixStatus;
  worst: P2hStatus | null;
}

export interface MatrixUnit {
  vehicle_id: number;
  unit_code: string;
  cells: MatrixCell[];
}

export interface ComplianceMatrix {
  month: string;
  days: string[];
  units: MatrixUnit[];
}

export interface ComplianceMatrixDeps {
  vehicles: Pick<VehiclesService, 'listActiveSummaries' | 'summariesByIds'>;
  clock: Clock;
  timezone: string;
}

/** Units × days of a month: each cell complete, partial, missing, out of service or future, and the day's worst status. */
export class ComplianceMatrixService {
  constructor(
    private readonly db: Db,
    private readonly deps: ComplianceMatrixDeps,
  ) {}

  /** Without a month, the current one (in P2H_TIMEZONE). A bad or too distant month → 400. */
  async matrix(month?: string): Promise<ComplianceMatrix> {
    const { clock, timezone } = this.deps;
    const now = clock();
    const asked = month ?? monthOf(now, timezone);
    const check = monthDays(asked, localTime(now, timezone).date);
    if (!check.ok) {
      throw new DomainError('VALIDATION_ERROR', `Bulan tidak valid: ${check.message}`, {
        details: [{ field: 'querystring.month', code: 'format', message: check.message }],
      });
    }
    const days = check.days;
    const first = days[0]!;
    const last = days[days.length - 1]!;
    // A shift unit's last day runs to 05:00 the day after; a little wider than needed is harmless.
    const from = operationalDayBounds(first, timezone, 'non_shift').start;
    const to = operationalDayBounds(addDays(last, 1), timezone, 'shift').start;
    const [filed, periods, active] = await Promise.all([filedDays(this.db, first, last), servicePeriodsBetween(this.db, from, to), this.deps.vehicles.listActiveSummaries()]);
    const units = await this.withDeactivatedThatFiled(active, filed);

    const filedByKey = new Map(filed.map((f) => [`${f.vehicle_id}|${f.date}`, f]));
    const periodsByUnit = groupBy(periods, (p) => p.vehicle_id);
    // Per shift type, not per unit: the time-zone arithmetic is what costs.
    const todayOf = memo((shift: ShiftType) => operationalDate(now, timezone, shift));
    const boundsOf = memo((shift: ShiftType): DayBounds[] => monthBounds(days, timezone, shift));
    return {
      month: asked,
      days,
      units: units.map((unit) => {
        const required = SLOTS_PER_DAY[unit.shift_type];
        const today = todayOf(unit.shift_type);
        const unitPeriods = periodsByUnit.get(unit.id);
        const stopped = unitPeriods ? outOfServiceDays(unitPeriods, boundsOf(unit.shift_type), now) : new Set<string>();
        const cells = days.map((date): MatrixCell => {
          const day = filedByKey.get(`${unit.id}|${date}`);
          const filedSlots = day ? day.slots.filter((slot) => slot <= required).length : 0;
          return {
            date,
            status: cellStatus({ date, today, filedSlots, requiredSlots: required, outOfService: stopped.has(date) }),
            worst: worstStatus(day?.statuses ?? []),
          };
        });
        return { vehicle_id: unit.id, unit_code: unit.unit_code, cells };
      }),
    };
  }

  /**
   * Active units, plus units deactivated since that filed in the month (so a past month keeps its
   * history); a unit's deactivation date is not stored, so one that filed nothing that month is left out.
   */
  private async withDeactivatedThatFiled(active: VehicleSummary[], filed: FiledDay[]): Promise<VehicleSummary[]> {
    const activeIds = new Set(active.map((u) => u.id));
    const others = [...new Set(filed.map((f) => f.vehicle_id).filter((id) => !activeIds.has(id)))];
    if (others.length === 0) return active;
    const extra = await this.deps.vehicles.summariesByIds(others);
    return [...active, ...extra.values()].sort((a, b) => a.unit_code.localeCompare(b.unit_code));
  }
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function memo<K, V>(compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (!known.has(key)) known.set(key, compute(key));
    return known.get(key)!;
  };
}
