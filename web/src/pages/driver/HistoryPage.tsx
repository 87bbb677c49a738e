import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { P2hStatus, ReportSummary } from '../../api/types';
import { Button, ButtonLink } from '../../components/Button';
import { SelectField } from '../../components/Field';
import { EmptyState, ErrorState, Loading, Notice } from '../../components/States';
import { Page } from '../../components/Page';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { QueueList } from '../../offline/QueueStatus';
import { useUser } from '../../session/session';
import { ReportRow } from './ReportRow';

const PAGE_SIZE = 20;
const STATUSES: P2hStatus[] = ['normal', 'warning', 'abnormal'];

/** The driver's own reports, newest first (admins see everyone's: the server decides). */
export function HistoryPage() {
  const { t, errorText } = useI18n();
  const user = useUser();
  const everyone = user.role !== 'user';
  const [status, setStatus] = useState<P2hStatus | ''>('');
  const first = useResource((signal) => api.reports({ page: 1, page_size: PAGE_SIZE, status: status || undefined }, { signal }), [status]);
  const [more, setMore] = useState<ReportSummary[]>([]);
  const [nextPage, setNextPage] = useState(2);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  useEffect(() => {
    setMore([]);
    setNextPage(2);
    setMoreError(null);
  }, [first.data]);

  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.reports({ page: nextPage, page_size: PAGE_SIZE, status: status || undefined });
      setMore((current) => [...current, ...page.items]);
      setNextPage(nextPage + 1);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const items = [...(first.data?.items ?? []), ...more];
  const total = first.data?.total ?? 0;
  return (
    <Page title={everyone ? t('history.titleAll') : t('history.title')} subtitle={first.data ? t('history.count', { n: total }) : undefined}>
      <QueueList userId={user.id} />
      <div className="toolbar">
        <SelectField label={t('history.status')} value={status} onChange={(e) => setStatus(e.target.value as P2hStatus | '')}>
          <option value="">{t('history.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)} — {t(`status.${s}.short`)}
            </option>
          ))}
        </SelectField>
      </div>
      {first.error !== undefined && !first.loading ? (
        <ErrorState error={first.error} onRetry={first.reload} />
      ) : !first.data || first.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState icon="history" action={!everyone && !status ? <ButtonLink to="/units">{t('history.start')}</ButtonLink> : undefined}>
          {t('history.empty')}
        </EmptyState>
      ) : (
        <>
          <ul className="report-list">
            {items.map((report) => (
              <ReportRow key={report.id} report={report} showUser={everyone} />
            ))}
          </ul>
          {moreError !== null && <Notice tone="danger">{errorText(moreError)}</Notice>}
          {items.length < total && (
            <Button variant="secondary" block onClick={loadMore} busy={loadingMore}>
              {t('common.loadMore')}
            </Button>
          )}
        </>
      )}
    </Page>
  );
}
