import { auditApi, AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditAction, type AuditEntity } from '../../api/audit';
import { adminApi } from '../../api/admin';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { Page } from '../../components/Page';
import { useFilterParams } from '../../hooks/useFilterParams';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { PagedList } from './AdminParts';
import { AuditEntryRow } from './AuditEntryRow';

const PAGE_SIZE = 20;

/** Who changed what: every recorded change, newest first, filtered by record, action, person and WITA dates (kept in the address). */
export function AuditLogPage() {
  const { t } = useI18n();
  const [params, set] = useFilterParams();
  const entity = (params.get('entity') ?? '') as AuditEntity | '';
  const entityId = params.get('entity_id') ?? '';
  const action = (params.get('action') ?? '') as AuditAction | '';
  const actor = params.get('actor_id') ?? '';
  const from = params.get('date_from') ?? '';
  const to = params.get('date_to') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;

  // The people who may change records: admins and superadmins (mechanics and drivers act on defects and links too).
  const people = useResource((signal) => adminApi.users({ page_size: 100 }, { signal }), []);
  const list = useResource(
    (signal) =>
      auditApi.list(
        {
          page,
          page_size: PAGE_SIZE,
          entity: entity || undefined,
          entity_id: entityId ? Number(entityId) : undefined,
          action: action || undefined,
          actor_id: actor ? Number(actor) : undefined,
          date_from: from || undefined,
          date_to: to || undefined,
        },
        signal,
      ),
    [entity, entityId, action, actor, from, to, page],
  );

  return (
    <Page
      title={t('audit.title')}
      subtitle={list.data ? t('audit.count', { n: list.data.total }) : undefined}
      size="wide"
      actions={
        <Button variant="secondary" icon="refresh" onClick={list.reload} busy={list.loading && list.data !== undefined}>
          {t('common.refresh')}
        </Button>
      }
    >
      <div className="admin-filters admin-filters-4">
        <SelectField label={t('audit.entity')} name="entity" value={entity} onChange={(e) => set({ entity: e.target.value, entity_id: '' })}>
          <option value="">{t('audit.allEntities')}</option>
          {AUDIT_ENTITIES.map((e) => (
            <option key={e} value={e}>
              {t(`audit.entity.${e}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('audit.action')} name="action" value={action} onChange={(e) => set({ action: e.target.value })}>
          <option value="">{t('audit.allActions')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.action.${a}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('audit.person')} name="actor_id" value={actor} onChange={(e) => set({ actor_id: e.target.value })}>
          <option value="">{t('audit.everyone')}</option>
          {(people.data?.items ?? []).map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.full_name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('audit.dateFrom')} name="date_from" type="date" value={from} onChange={(e) => set({ date_from: e.target.value })} />
        <TextField label={t('audit.dateTo')} name="date_to" type="date" value={to} onChange={(e) => set({ date_to: e.target.value })} />
      </div>
      <PagedList list={list} emptyIcon="history" emptyText={t('audit.empty')} page={page} pageSize={PAGE_SIZE} onPage={(p) => set({ page: String(p) })}>
        {(items) => (
          <ul className="admin-list audit-list" aria-busy={list.loading || undefined}>
            {items.map((entry) => (
              <AuditEntryRow key={entry.id} entry={entry} />
            ))}
          </ul>
        )}
      </PagedList>
    </Page>
  );
}
