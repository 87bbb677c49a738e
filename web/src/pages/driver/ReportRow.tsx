import { Link } from 'react-router';
import type { ReportSummary } from '../../api/types';
import { Icon } from '../../components/Icon';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n';

/** A report in a list: the whole row is the link to its detail. */
export function ReportRow({ report, showUser }: { report: ReportSummary; showUser: boolean }) {
  const { t, formatDate, formatTime } = useI18n();
  return (
    <li>
      <Link className={`report-row report-row-${report.overall_status}`} to={`/reports/${report.id}`}>
        <span className="report-row-main">
          <span className="report-unit">{report.vehicle.unit_code}</span>
          <StatusBadge status={report.overall_status} />
        </span>
        <span className="report-row-meta">
          {formatDate(report.operational_date)} · {report.vehicle.shift_type === 'non_shift' ? t('common.daily') : t('common.shift', { n: report.shift_number })} · {formatTime(report.submitted_at)}
          {showUser && ` · ${report.user.full_name}`}
        </span>
        <Icon name="right" />
      </Link>
    </li>
  );
}
