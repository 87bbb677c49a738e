import { Link } from 'react-router';
import type { AuditEntryView } from '../../api/audit';
import { useI18n, type MessageKey } from '../../i18n';
import { changedFields, entityPath, valueText } from './audit-diff';

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One audit entry: when (WITA), who, what happened to which record, and each changed field before → after. */
export function AuditEntryRow({ entry }: { entry: AuditEntryView }) {
  const { t, formatDateTime } = useI18n();
  const changes = changedFields(entry);
  const fieldLabel = (field: string) => {
    const key = `audit.field.${field}` as MessageKey;
    const label = t(key);
    return label === key ? field : label;
  };
  const shown = (value: unknown) => {
    if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
    if (typeof value === 'string' && ISO_MOMENT.test(value)) return formatDateTime(value);
    return valueText(value);
  };
  return (
    <li className="admin-row audit-row" data-id={entry.id} data-action={entry.action} data-entity={entry.entity}>
      <div className="admin-row-main">
        <span className="admin-row-title">{t(`audit.action.${entry.action}`)}</span>
        <Link to={entityPath(entry)}>
          {t(`audit.entity.${entry.entity}`)} #{entry.entity_id}
        </Link>
      </div>
      <div className="admin-row-meta">
        {formatDateTime(entry.at)} · {entry.actor_id === null ? t('audit.system') : `${entry.actor_name ?? ''} (#${entry.actor_id})`}
      </div>
      {changes.length === 0 ? (
        <p className="admin-row-meta">{t('audit.noChanges')}</p>
      ) : (
        <dl className="audit-diff">
          {changes.map((change) => (
            <div key={change.field} className="audit-diff-line">
              <dt>{fieldLabel(change.field)}</dt>
              <dd>
                {entry.before !== null && (
                  <>
                    <del>{shown(change.before)}</del> →{' '}
                  </>
                )}
                <ins>{shown(change.after)}</ins>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
