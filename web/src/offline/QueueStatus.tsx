import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { Notice } from '../components/States';
import { useI18n } from '../i18n';
import { countWaiting, type QueuedReport } from './queue-model';
import { useQueuedReports, useQueueSender } from './useReportQueue';

function asApiError(record: QueuedReport): ApiError {
  const error = record.last_error ?? { status: 0, code: 'NETWORK_ERROR', message: '' };
  return new ApiError(error.status, error.code, error.message);
}

/**
 * On every page of a driver: runs the sender, says how many reports wait for signal, and shows each
 * report the server refused, with its reason, until the driver dismisses it.
 */
export function QueueBanner({ userId }: { userId: number }) {
  const { t, errorText } = useI18n();
  useQueueSender(userId);
  const { records, dismiss } = useQueuedReports(userId);
  const waiting = countWaiting(records);
  const rejected = records.filter((r) => r.state === 'rejected');
  if (waiting === 0 && rejected.length === 0) return null;
  return (
    <div className="queue-banner">
      {waiting > 0 && (
        <div className="queue-waiting" role="status">
          <Icon name="clock" size={20} />
          <div>
            <strong>{waiting === 1 ? t('queue.waiting.one') : t('queue.waiting.many', { n: waiting })}</strong>
            <span className="small"> {t('queue.waitingHint')} </span>
            <Link to="/history#queue">{t('queue.details')}</Link>
          </div>
        </div>
      )}
      {rejected.map((record) => (
        <Notice
          key={record.client_submission_id}
          tone="danger"
          action={
            <Button variant="secondary" onClick={() => dismiss(record.client_submission_id)}>
              {t('queue.dismiss')}
            </Button>
          }
        >
          {t('queue.rejected', { label: record.label, reason: errorText(asApiError(record)) })}
        </Notice>
      ))}
    </div>
  );
}

/** Every report this phone queued (the last day's), with when it was filled and when it was sent. */
export function QueueList({ userId }: { userId: number }) {
  const { t, formatDateTime, errorText } = useI18n();
  const { records } = useQueuedReports(userId);
  if (records.length === 0) return null;
  return (
    <section className="card queue-list" id="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title')}</h2>
      <ul>
        {[...records].reverse().map((record) => (
          <li key={record.client_submission_id} className={`queue-item queue-${record.state}`}>
            <strong>{record.label}</strong>
            <span className="muted small">
              {t('queue.filledAt', { time: formatDateTime(record.created_at) })}
              {record.photos.length > 0 && ` · ${t('queue.photos', { n: record.photos.length })}`}
            </span>
            {record.state === 'sent' && record.sent_at ? (
              <span>
                {t('queue.sentAt', { time: formatDateTime(record.sent_at) })}
                {record.report_id !== null && (
                  <>
                    {' · '}
                    <Link to={`/reports/${record.report_id}`}>{t('queue.open')}</Link>
                  </>
                )}
              </span>
            ) : (
              <span>
                {t(record.state === 'rejected' ? 'queue.stateRejected' : record.state === 'login' ? 'queue.stateLogin' : 'queue.stateWaiting')}
                {record.last_error && ` · ${t('queue.lastError', { reason: errorText(asApiError(record)) })}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
