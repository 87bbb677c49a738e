import { defectsApi } from '../../api/defects';
import { ErrorState, Loading } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { DefectSummary } from './DefectParts';

/** The defects a report opened, added to, reopened or verified, with their state now: what to act on, before the 39 answers. */
export function ReportDefects({ reportId }: { reportId: number }) {
  const { t } = useI18n();
  const loaded = useResource((signal) => defectsApi.list({ report_id: reportId, page_size: 100 }, { signal }), [reportId]);
  if (loaded.data === undefined) {
    return (
      <div className="card">
        <h2>{t('report.defects')}</h2>
        {loaded.error !== undefined ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : <Loading />}
      </div>
    );
  }
  if (loaded.data.items.length === 0) return null; // a NORMAL report: nothing to show above the answers
  return (
    <section className="card" aria-labelledby="report-defects-title">
      <h2 id="report-defects-title">{t('report.defects')}</h2>
      <ul className="defect-list">
        {loaded.data.items.map((defect) => (
          <li key={defect.id} className={`defect-item defect-${defect.severity}`}>
            <DefectSummary defect={defect} showUnit={false} linkTo={`/defects/${defect.id}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
