import { Link } from 'react-router';
import { useFilterParams } from '../../hooks/useFilterParams';
import { adminApi, isoToday } from '../../api/admin';
import type { P2hStatus } from '../../api/types';
import { Icon } from '../../components/Icon';
import { SelectField, TextField } from '../../components/Field';
import { Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { useResource } from '../../hooks/useResource';
import { useI18n, type MessageKey } from '../../i18n';
import { PagedList } from './AdminParts';
import { ReportsExcelButton } from './ReportsExcelButton';
import { UnitFilter } from './UnitFilter';

const PAGE_SIZE = 20;
const STATUSES: P2hStatus[] = ['normal', 'warning', 'abnormal'];

/** Every report, filtered by dates, unit and status (kept in the address, so a filtered list can be shared). */
export function ReportsPage() {
  const { t, formatDate, formatTime } = useI18n();
  const [params, setFilters] = useFilterParams();
  const from = params.get('from') === 'today' ? isoToday() : (params.get('from') ?? '');
  const to = params.get('to') ?? (params.get('from') === 'today' ? isoToday() : '');
  const unit = params.get('unit') ?? '';
  const status = (params.get('status') ?? '') as P2hStatus | '';
  const page = Number(params.get('page') ?? '1') || 1;
  // "from=today" (the dashboard's link) becomes real dates at the first change, as the fields show them.
  const set = (changes: Record<string, string>) => setFilters(params.get('from') === 'today' ? { from, to, ...changes } : changes);

  const list = useResource(
    (signal) =>
      adminApi.reports(
        { page, page_size: PAGE_SIZE, date_from: from || undefined, date_to: to || undefined, vehicle_id: unit ? Number(unit) : undefined, status: status || undefined },
        { signal },
      ),
    [from, to, unit, status, page],
  );

  return (
    <Page
      title={t('history.titleAll')}
      subtitle={list.data ? t('history.count', { n: list.data.total }) : undefined}
      size="wide"
      actions={<ReportsExcelButton from={from} to={to} vehicleId={unit ? Number(unit) : undefined} status={status} />}
    >
      <div className="admin-filters admin-filters-4">
        <TextField label={t('reports.admin.from')} type="date" value={from} max={to || undefined} onChange={(e) => set({ from: e.target.value })} />
        <TextField label={t('reports.admin.to')} type="date" value={to} min={from || undefined} onChange={(e) => set({ to: e.target.value })} />
        <UnitFilter value={unit} onChange={(id) => set({ unit: id })} />
        <SelectField label={t('history.status')} value={status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('history.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedList list={list} emptyIcon="history" emptyText={t('history.empty')} page={page} pageSize={PAGE_SIZE} onPage={(p) => set({ page: String(p) })}>
        {(items) => (
          <ul className="report-list" aria-busy={list.loading || undefined}>
            {items.map((report) => (
              <li key={report.id}>
                <Link className={`report-row report-row-${report.overall_status}`} to={`/admin/reports/${report.id}`}>
                  <span className="report-row-main">
                    <span className="report-unit">{report.vehicle.unit_code}</span>
                    <StatusBadge status={report.overall_status} />
                  </span>
                  <span className="report-row-meta">
                    #{report.id} · {formatDate(report.operational_date)} · {report.vehicle.shift_type === 'non_shift' ? t('common.daily') : t('common.shift', { n: report.shift_number })} · {formatTime(report.submitted_at)} ·{' '}
                    {report.user.full_name}
                    {report.notifications.length > 0 && (
                      <>
                        {' · '}
                        {t('reports.admin.delivery')}:{' '}
                        {report.notifications.map((n) => (
                          <span key={n.id} className={`notif-badge notif-${n.status}`}>
                            {t(`notif.${n.status}` as MessageKey)}
                          </span>
                        ))}
                      </>
                    )}
                  </span>
                  <Icon name="right" />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </Page>
  );
}
