import type { DeliveryState, ReportDetail, ReportSummary } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n, type MessageKey } from '../../i18n';
import { skipReasonText } from '../../i18n/skip-reasons';
import { mapLink } from '../../offline/location';
import { PhotoThumbs } from '../../photos/PhotoThumbs';

/** Unit, date, slot, who and when: the facts of a report as a definition list. */
export function ReportFacts({ report }: { report: ReportSummary }) {
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const vehicle = report.vehicle;
  const rows: [string, string][] = [
    [t('report.unit'), `${vehicle.unit_code} · ${vehicle.plate_number}`],
    [t('report.type'), [vehicle.vehicle_type, vehicle.brand].filter(Boolean).join(' · ')],
    [t('report.date'), formatDate(report.operational_date)],
    [t('report.shift'), report.vehicle.shift_type === 'non_shift' ? t('common.daily') : String(report.shift_number)],
    [t('report.submittedAt'), formatDateTime(report.submitted_at)],
    [t('report.by'), report.user.full_name],
  ];
  if (report.odometer !== null) rows.push([t('report.odometer'), formatNumber(report.odometer)]);
  // Filled offline and sent later: when it was filled is what counts.
  if (report.inspected_at && report.inspected_at !== report.submitted_at) rows.push([t('report.inspectedAt'), formatDateTime(report.inspected_at)]);
  const location = report.location;
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {location && (
        <div>
          <dt>{t('location.label')}</dt>
          <dd>
            {/* Coordinates stay in the dot notation maps and GPS tools read, in either language. */}
            {location.latitude.toFixed(5)}, {location.longitude.toFixed(5)} ({t('location.accuracy', { m: Math.round(location.accuracy_m) })}){' '}
            <a href={mapLink(location)} target="_blank" rel="noopener noreferrer">
              {t('location.openMap')}
            </a>
          </dd>
        </div>
      )}
    </dl>
  );
}

const KNOWN_STATES = new Set(['pending', 'sending', 'sent', 'failed', 'skipped']);
const KNOWN_RECIPIENTS = new Set(['personal', 'fallback_group', 'admin_group', 'explicit', 'workshop']);

/** Where the Telegram alerts about a report went, and whether they arrived. */
export function DeliveryList({ report }: { report: ReportSummary }) {
  const { t, lang, formatDateTime } = useI18n();
  const deliveryText = (n: DeliveryState) => {
    const reason = n.status === 'skipped' ? skipReasonText(n.last_error, lang) : undefined;
    if (reason) return t('notif.skippedBecause', { reason });
    return KNOWN_STATES.has(n.status) ? t(`notif.${n.status}` as MessageKey) : n.status;
  };
  if (report.notifications.length === 0) return <p className="muted">{t('report.noNotifications')}</p>;
  return (
    <ul className="delivery-list">
      {report.notifications.map((n) => (
        <li key={n.id} className={`delivery delivery-${n.status}`}>
          <strong>{deliveryText(n)}</strong>
          {n.recipient_kind && KNOWN_RECIPIENTS.has(n.recipient_kind) && <span> {t(`notif.to.${n.recipient_kind}` as MessageKey)}</span>}
          {n.sent_at && <span className="muted"> · {formatDateTime(n.sent_at)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Every answer, grouped by section; problems first catch the eye with their badge and remark. */
export function AnswerList({ report }: { report: ReportDetail }) {
  const { t } = useI18n();
  const sections = new Map<string, ReportDetail['details']>();
  for (const answer of report.details) sections.set(answer.section, [...(sections.get(answer.section) ?? []), answer]);
  return (
    <div className="answer-sections">
      {[...sections].map(([section, answers]) => (
        <section key={section} className="answer-section">
          <h3>{section}</h3>
          <ul>
            {answers.map((answer) => (
              <li key={answer.checklist_item_id} className={`answer-row answer-row-${answer.status}`}>
                <span className="answer-name">{answer.item_name}</span>
                <StatusBadge status={answer.status} />
                {answer.keterangan && (
                  <p className="remark">
                    <span className="sr-only">{t('report.remark')}: </span>
                    {answer.keterangan}
                  </p>
                )}
                {answer.photos?.length > 0 && <PhotoThumbs photos={answer.photos} label={t('photo.forItem', { item: answer.item_name })} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
