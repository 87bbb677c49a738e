import { Link } from 'react-router';
import type { Defect, DefectStatus, Severity } from '../../api/defects';
import { Icon, type IconName } from '../../components/Icon';
import { useI18n, type Lang } from '../../i18n';
import { formatAge } from '../../i18n/format';

const SEVERITY_ICON: Record<Severity, IconName> = { warning: 'warning', abnormal: 'stop' };
const STATUS_ICON: Record<DefectStatus, IconName> = { open: 'info', in_progress: 'wrench', repaired: 'check', verified: 'check', closed: 'stop' };

/** WARNING / ABNORMAL of one defect: the same colours and signs as a report's status. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${severity}`}>
      <Icon name={SEVERITY_ICON[severity]} size={18} />
      <span>{t(`status.${severity}`)}</span>
    </span>
  );
}

/** Where the defect is in its life: a neutral outline badge, so it never reads as an inspection status. */
export function DefectStatusBadge({ status }: { status: DefectStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-outline defect-status-${status}`}>
      <Icon name={STATUS_ICON[status]} size={18} />
      <span>{t(`defect.status.${status}`)}</span>
    </span>
  );
}

/** "3 jam lalu", "2 hari lalu": how long ago, in the user's language (see i18n/format.ts). */
export function relativeAge(iso: string, lang: Lang, now = Date.now()): string {
  return formatAge(lang, iso, now);
}

/** One defect as a card row: what, where, how bad, since when, who has it. */
export function DefectSummary({ defect, showUnit = true, linkTo }: { defect: Defect; showUnit?: boolean; linkTo?: string }) {
  const { t, lang } = useI18n();
  const title = showUnit ? `${defect.unit_code} · ${defect.item_name}` : defect.item_name;
  return (
    <div className="defect-summary">
      <div className="defect-head">
        <SeverityBadge severity={defect.severity} />
        <DefectStatusBadge status={defect.status} />
      </div>
      <h3 className="defect-title">{linkTo ? <Link to={linkTo}>{title}</Link> : title}</h3>
      {defect.remark && <p className="defect-remark">“{defect.remark}”</p>}
      <p className="muted defect-meta">
        {t('defect.openedBy', { age: relativeAge(defect.opened_at, lang), name: defect.opened_by_name })}
        {defect.reported_count > 1 && ` · ${t('defect.reportedCount', { n: defect.reported_count })}`}
      </p>
      <p className="defect-meta">
        {defect.assigned_to_name ? t('defect.assignedTo', { name: defect.assigned_to_name }) : t('defect.unassigned')}
      </p>
      {defect.repair_note && <p className="defect-meta">{t('defect.repairNote', { note: defect.repair_note })}</p>}
      {defect.close_reason && <p className="defect-meta">{t('defect.closeReason', { reason: defect.close_reason })}</p>}
    </div>
  );
}

/** Defects of one unit together, units with an ABNORMAL first, then by their oldest defect. */
export function groupByUnit(defects: Defect[]): { unitCode: string; vehicleId: number; defects: Defect[] }[] {
  const groups = new Map<number, { unitCode: string; vehicleId: number; defects: Defect[] }>();
  for (const defect of defects) {
    const group = groups.get(defect.vehicle_id) ?? { unitCode: defect.unit_code, vehicleId: defect.vehicle_id, defects: [] };
    group.defects.push(defect);
    groups.set(defect.vehicle_id, group);
  }
  const rank = (d: Defect) => (d.severity === 'abnormal' ? 0 : 1);
  const oldest = (ds: Defect[]) => Math.min(...ds.map((d) => new Date(d.opened_at).getTime()));
  const list = [...groups.values()];
  for (const group of list) group.defects.sort((a, b) => rank(a) - rank(b) || a.opened_at.localeCompare(b.opened_at));
  return list.sort(
    (a, b) => Math.min(...a.defects.map(rank)) - Math.min(...b.defects.map(rank)) || oldest(a.defects) - oldest(b.defects),
  );
}
