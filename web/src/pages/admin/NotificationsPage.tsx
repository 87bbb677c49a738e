import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi, NOTIFICATION_STATUSES, NOTIFICATION_TYPES } from '../../api/admin';
import type { NotificationEntry, NotificationStatus, NotificationType } from '../../api/types';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/Field';
import { Page } from '../../components/Page';
import { Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n, type MessageKey } from '../../i18n';
import { noteText, skipReasonText } from '../../i18n/skip-reasons';
import { PagedList } from './AdminParts';

const PAGE_SIZE = 20;
const KNOWN_RECIPIENTS = new Set(['personal', 'fallback_group', 'admin_group', 'explicit', 'workshop']);
const RESENDABLE = new Set<NotificationStatus>(['failed', 'skipped']);

/** The Telegram notification log: filters, state, last error; failed or skipped ones can be queued again. */
export function NotificationsPage() {
  const { t, errorText, formatDateTime } = useI18n();
  const [status, setStatus] = useState<NotificationStatus | ''>('');
  const [type, setType] = useState<NotificationType | ''>('');
  const [page, setPage] = useState(1);
  const list = useResource(
    (signal) => adminApi.notifications({ status: status || undefined, type: type || undefined, page, page_size: PAGE_SIZE }, { signal }),
    [status, type, page],
  );
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);

  const resend = async (n: NotificationEntry) => {
    setBusy(n.id);
    try {
      const updated = await adminApi.resend(n.id);
      setMessage({ tone: 'success', text: t('notifs.resent', { id: n.id, status: t(`notif.${updated.status}`) }) });
      if (list.data) list.set({ ...list.data, items: list.data.items.map((x) => (x.id === n.id ? { ...x, ...updated } : x)) });
    } catch (error) {
      setMessage({ tone: 'danger', text: errorText(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page
      title={t('notifs.title')}
      subtitle={list.data ? t('notifs.count', { n: list.data.total }) : undefined}
      size="wide"
      actions={
        <Button variant="secondary" icon="refresh" onClick={list.reload} busy={list.loading && list.data !== undefined}>
          {t('common.refresh')}
        </Button>
      }
    >
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <div className="admin-filters">
        <SelectField label={t('notifs.status')} value={status} onChange={(e) => (setStatus(e.target.value as NotificationStatus | ''), setPage(1))}>
          <option value="">{t('notifs.allStatuses')}</option>
          {NOTIFICATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`notif.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('notifs.type')} value={type} onChange={(e) => (setType(e.target.value as NotificationType | ''), setPage(1))}>
          <option value="">{t('notifs.allTypes')}</option>
          {NOTIFICATION_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`notifs.type.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedList list={list} emptyIcon="send" emptyText={t('admin.empty')} page={page} pageSize={PAGE_SIZE} onPage={setPage}>
        {(items) => (
          <ul className="admin-list" aria-busy={list.loading || undefined}>
            {items.map((n) => (
              <li key={n.id} className={`admin-row notif-row notif-row-${n.status}`} data-id={n.id} data-queued={n.next_attempt_at}>
                <div className="admin-row-main">
                  <span className="admin-row-title">#{n.id}</span>
                  <span>{t(`notifs.type.${n.type}`)}</span>
                  <span className={`notif-badge notif-${n.status}`}>{t(`notif.${n.status}`)}</span>
                </div>
                <div className="admin-row-meta">
                  {t('notifs.created')} {formatDateTime(n.created_at)} · {t('notifs.queued')} {formatDateTime(n.next_attempt_at)} · {t('notifs.attempts', { n: n.attempts })}
                  {n.sent_at && ` · ${t('notif.sent')} ${formatDateTime(n.sent_at)}`}
                  {n.recipient_kind && KNOWN_RECIPIENTS.has(n.recipient_kind) && ` · ${t(`notif.to.${n.recipient_kind}` as MessageKey)}`}
                  {n.report_id && (
                    <>
                      {' · '}
                      <Link to={`/admin/reports/${n.report_id}`}>{t('notifs.report', { id: n.report_id })}</Link>
                    </>
                  )}
                </div>
                {n.last_error && <LastError status={n.status} error={n.last_error} />}
                {RESENDABLE.has(n.status) && (
                  <div className="admin-row-actions">
                    <Button variant="secondary" className="btn-small" icon="send" busy={busy === n.id} onClick={() => resend(n)} aria-label={`${t('notifs.resend')} #${n.id}`}>
                      {t('notifs.resend')}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </Page>
  );
}

/** A skip reason of ours in the reader's language (the server's words kept as a tooltip); a send error as Telegram said it. */
function LastError({ status, error }: { status: NotificationStatus; error: string }) {
  const { t, lang } = useI18n();
  const reason = status === 'skipped' ? skipReasonText(error, lang) : undefined;
  const note = noteText(error, lang);
  if (note) return <p className="notif-error" title={error}>{note}</p>;
  return (
    <p className="notif-error">
      {reason ? (
        <>
          <strong>{t('notifs.skipReason')}:</strong> <span title={error}>{reason}</span>
        </>
      ) : (
        <>
          <strong>{t('notifs.lastError')}:</strong> <code>{error}</code>
        </>
      )}
    </p>
  );
}
