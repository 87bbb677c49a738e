import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { Button } from '../../components/Button';
import { ErrorState, Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { Page } from '../../components/Page';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { MONITORS, useUser } from '../../session/session';
import { ReportDefects } from '../workshop/ReportDefects';
import { AnswerList, DeliveryList, ReportFacts } from './ReportParts';
import { ReportPdfButton } from './ReportPdfButton';

/** One report with every answer (a driver sees their own; viewers and admins any). */
export function ReportDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const user = useUser();
  const id = Number(useParams().id);
  const loaded = useResource((signal) => api.report(id, { signal }), [id]);
  const report = loaded.data;
  const back = (
    <Button variant="ghost" icon="left" onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))}>
      {t('common.back')}
    </Button>
  );
  if (!report) {
    return (
      <Page title={t('report.title', { id })} actions={back}>
        {loaded.error !== undefined ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : <Loading />}
      </Page>
    );
  }
  return (
    <Page title={t('report.title', { id })} subtitle={<StatusBadge status={report.overall_status} withMeaning />} actions={back}>
      <div className="card">
        <ReportFacts report={report} />
        <ReportPdfButton report={report} />
      </div>
      {/* Drivers may not list defects (the API says so); they see them on the checklist instead. */}
      {report.overall_status !== 'normal' && MONITORS.includes(user.role) && <ReportDefects reportId={report.id} />}
      <div className="card">
        <h2>{t('report.answers')}</h2>
        <AnswerList report={report} />
      </div>
      <div className="card">
        <h2>{t('report.notifications')}</h2>
        <DeliveryList report={report} />
      </div>
    </Page>
  );
}
