import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/endpoints';
import type { Compliance, ComplianceColor } from '../../api/types';
import { Button } from '../../components/Button';
import { EmptyState, ErrorState, Loading, Notice } from '../../components/States';
import { ComplianceBadge, OutOfServiceBadge } from '../../components/StatusBadge';
import { Icon } from '../../components/Icon';
import { Page } from '../../components/Page';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/session';
import { ReportsExcelButton } from '../admin/ReportsExcelButton';
import { ReportRow } from '../driver/ReportRow';
import { slotLabel } from '../driver/slots';

const REFRESH_MS = 60_000;
const COLORS: ComplianceColor[] = ['red', 'yellow', 'green'];

/** Read-only: today's compliance per unit (units with nothing done first) and the latest reports. */
export function MonitorPage() {
  const { t, formatTime, formatDate } = useI18n();
  // Mechanics see this page too; the reports export is for viewers and admins.
  const mayExport = ['viewer', 'admin', 'superadmin'].includes(useSession().user?.role ?? '');
  const [tick, setTick] = useState(0);
  const compliance = useResource((signal) => api.compliance({ signal }), [tick]);
  const reports = useResource((signal) => api.reports({ page: 1, page_size: 15 }, { signal }), [tick]);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine) setTick((n) => n + 1);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (compliance.data) setUpdatedAt(new Date());
  }, [compliance.data]);

  // Units that may not leave stand apart, first: a security post must see them at a glance, and they are not "missing a P2H".
  const all = compliance.data ?? [];
  const stopped = useMemo(() => all.filter((u) => u.out_of_service).sort((a, b) => a.unit_code.localeCompare(b.unit_code)), [all]);
  const units = useMemo(
    () =>
      all.filter((u) => !u.out_of_service).sort((a, b) => COLORS.indexOf(a.color) - COLORS.indexOf(b.color) || a.unit_code.localeCompare(b.unit_code)),
    [all],
  );
  const counts = COLORS.map((color) => ({ color, n: units.filter((u) => u.color === color).length }));
  const date = all[0]?.operational_date;

  return (
    <Page
      size="wide"
      title={t('monitor.title')}
      subtitle={
        <>
          {date && `${formatDate(date)} · `}
          {t('monitor.readOnly')}
          {updatedAt && ` ${t('common.updatedAt', { time: formatTime(updatedAt) })}`}
        </>
      }
      actions={
        <Button variant="secondary" icon="refresh" onClick={() => setTick((n) => n + 1)} busy={compliance.loading && compliance.data !== undefined}>
          {t('common.refresh')}
        </Button>
      }
    >
      {((compliance.error !== undefined && compliance.data) || (reports.error !== undefined && reports.data)) && (
        <Notice tone="warning">{t('monitor.refreshFailed')}</Notice>
      )}
      <div className="monitor-grid">
        <section className="card" aria-labelledby="compliance-title">
          <h2 id="compliance-title">{t('monitor.compliance')}</h2>
          {compliance.data === undefined ? (
            compliance.error !== undefined ? <ErrorState error={compliance.error} onRetry={compliance.reload} /> : <Loading />
          ) : all.length === 0 ? (
            <EmptyState icon="truck">{t('monitor.noUnits')}</EmptyState>
          ) : (
            <>
              {stopped.length > 0 && (
                <div className="stopped-box" aria-labelledby="stopped-title">
                  <h3 id="stopped-title" className="stopped-title">
                    <Icon name="ban" size={24} />
                    {t('monitor.stoppedTitle', { n: stopped.length })}
                  </h3>
                  <ul className="compliance-list">
                    {stopped.map((unit) => (
                      <StoppedRow key={unit.vehicle_id} unit={unit} />
                    ))}
                  </ul>
                </div>
              )}
              <ul className="summary-tiles" aria-label={t('monitor.summary')}>
                {counts.map(({ color, n }) => (
                  <li key={color} className={`summary-tile summary-${color}`}>
                    <span className="summary-count">{n}</span>
                    <span>{t(`compliance.${color}`)}</span>
                  </li>
                ))}
              </ul>
              <ul className="compliance-list">
                {units.map((unit) => (
                  <ComplianceRow key={unit.vehicle_id} unit={unit} />
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title">{t('monitor.recent')}</h2>
          {/* No filters here: the month so far, the list's latest reports and the rest of the month. */}
          {mayExport && <ReportsExcelButton />}
          {reports.data === undefined ? (
            reports.error !== undefined ? <ErrorState error={reports.error} onRetry={reports.reload} /> : <Loading />
          ) : reports.data.items.length === 0 ? (
            <EmptyState icon="history">{t('monitor.noReports')}</EmptyState>
          ) : (
            <ul className="report-list">
              {reports.data.items.map((report) => (
                <ReportRow key={report.id} report={report} showUser />
              ))}
            </ul>
          )}
        </section>
      </div>
    </Page>
  );
}

function StoppedRow({ unit }: { unit: Compliance }) {
  return (
    <li className="compliance-row compliance-stopped">
      <span className="compliance-unit">
        <strong>{unit.unit_code}</strong>
        <span className="muted">{unit.plate_number}</span>
      </span>
      <span className="compliance-slots">{unit.out_of_service_reason}</span>
      <OutOfServiceBadge />
    </li>
  );
}

function ComplianceRow({ unit }: { unit: Compliance }) {
  const { t } = useI18n();
  const done = unit.done_slots.length > 0 ? unit.done_slots.map((slot) => slotLabel(t, unit.shift_type, slot)).join(', ') : t('monitor.none');
  return (
    <li className={`compliance-row compliance-${unit.color}`}>
      <span className="compliance-unit">
        <strong>{unit.unit_code}</strong>
        <span className="muted">{unit.plate_number}</span>
      </span>
      <span className="compliance-slots">
        {t('monitor.slots')}: {done} ({unit.done_slots.length}/{unit.required_slots})
      </span>
      <ComplianceBadge color={unit.color} />
    </li>
  );
}
