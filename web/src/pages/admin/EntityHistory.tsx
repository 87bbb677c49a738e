import { Link } from 'react-router';
import { auditApi, type AuditEntity } from '../../api/audit';
import { ErrorState, Loading } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { AuditEntryRow } from './AuditEntryRow';

const SHOWN = 10;

/**
 * "Riwayat perubahan": the latest audit entries of one record, and of the records that live on its
 * page (a unit's documents, a user's Telegram link), newest first.
 */
export function EntityHistory({ entities, id }: { entities: readonly AuditEntity[]; id: number }) {
  const { t } = useI18n();
  const history = useResource(async (signal) => {
    const pages = await Promise.all(entities.map((entity) => auditApi.list({ entity, entity_id: id, page_size: SHOWN }, signal)));
    return pages
      .flatMap((p) => p.items)
      .sort((a, b) => b.id - a.id)
      .slice(0, SHOWN);
  }, [entities.join(','), id]);

  return (
    <section className="card entity-history" aria-labelledby="entity-history-title">
      <h2 id="entity-history-title">{t('audit.history')}</h2>
      {history.error !== undefined ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : !history.data ? (
        <Loading />
      ) : history.data.length === 0 ? (
        <p className="admin-row-meta">{t('audit.empty')}</p>
      ) : (
        <ul className="admin-list audit-list">
          {history.data.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      <Link to={`/admin/audit-log?entity=${entities[0]}&entity_id=${id}`}>{t('audit.historyAll')}</Link>
    </section>
  );
}
