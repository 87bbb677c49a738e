import { useLocation, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import type { ReportDetail } from '../../api/types';
import { ButtonLink } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ErrorState, Loading } from '../../components/States';
import { STATUS_ICON, StatusBadge } from '../../components/StatusBadge';
import { Page } from '../../components/Page';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { DeliveryList, ReportFacts } from './ReportParts';

/** Right after submitting: the status in big, what it means and what to do now. */
export function ResultPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const passed = (useLocation().state as { report?: ReportDetail } | null)?.report;
  const fresh = passed?.id === id ? passed : undefined;
  const loaded = useResource((signal) => (fresh ? Promise.resolve(fresh) : api.report(id, { signal })), [id]);
  const report = loaded.data;

  if (!report) {
    return (
      <Page title={t('result.title')}>{loaded.error !== undefined ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : <Loading />}</Page>
    );
  }
  const status = report.overall_status;
  const problems = report.details.filter((d) => d.status !== 'normal');
  return (
    <Page title={t('result.title')} subtitle={`${report.vehicle.unit_code} · ${report.vehicle.plate_number}`}>
      <div className={`result-panel result-${status}`} role="status">
        <Icon name={STATUS_ICON[status]} size={56} />
        <p className="result-title">{t(`result.${status}.title`)}</p>
        <p className="result-meaning">{t(`result.${status}.meaning`)}</p>
      </div>
      <div className="card">
        <h2>{t('result.whatToDo')}</h2>
        <p className="result-action">{t(`result.${status}.action`)}</p>
        {problems.length > 0 && (
          <ul className="problem-list">
            {problems.map((p) => (
              <li key={p.checklist_item_id}>
                <strong>{p.item_name}</strong>
                <StatusBadge status={p.status} />
                {p.keterangan && <p className="remark">{p.keterangan}</p>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="card">
        <ReportFacts report={report} />
        <h2>{t('report.notifications')}</h2>
        <DeliveryList report={report} />
      </div>
      <div className="button-column">
        <ButtonLink to="/units" block icon="truck">
          {t('result.toUnits')}
        </ButtonLink>
        <ButtonLink to={`/reports/${report.id}`} variant="secondary" block iconAfter="right">
          {t('result.details')}
        </ButtonLink>
      </div>
    </Page>
  );
}
