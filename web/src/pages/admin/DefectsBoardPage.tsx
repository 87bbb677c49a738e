import { Link } from 'react-router';
import { useFilterParams } from '../../hooks/useFilterParams';
import { DEFECT_SEVERITIES, DEFECT_STATUSES, defectsApi, type DefectStatus, type Severity } from '../../api/defects';
import { SelectField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Page } from '../../components/Page';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { DefectStatusBadge, SeverityBadge, relativeAge } from '../workshop/DefectParts';
import { PagedList } from './AdminParts';
import { UnitFilter } from './UnitFilter';

const PAGE_SIZE = 20;
/** "Older than": the ages a coordinator asks about (a shift, a day, three days, a week). */
const AGES = [12, 24, 72, 168];

/** Every defect, filtered by status, unit, severity and age (kept in the address); each opens its page. */
export function DefectsBoardPage() {
  const { t, lang } = useI18n();
  const [params, set] = useFilterParams();
  const status = (params.get('status') ?? '') as DefectStatus | '';
  const unit = params.get('unit') ?? '';
  const severity = (params.get('severity') ?? '') as Severity | '';
  const age = params.get('age') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;

  const list = useResource(
    (signal) =>
      defectsApi.list(
        {
          page,
          page_size: PAGE_SIZE,
          status: status || undefined,
          vehicle_id: unit ? Number(unit) : undefined,
          severity: severity || undefined,
          older_than_hours: age ? Number(age) : undefined,
        },
        { signal },
      ),
    [status, unit, severity, age, page],
  );

  return (
    <Page title={t('board.title')} subtitle={list.data ? t('board.count', { n: list.data.total }) : t('board.intro')} size="wide">
      <div className="admin-filters admin-filters-4">
        <SelectField label={t('board.status')} value={status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('board.allStatuses')}</option>
          {DEFECT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`defect.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <UnitFilter value={unit} onChange={(id) => set({ unit: id })} />
        <SelectField label={t('board.severity')} value={severity} onChange={(e) => set({ severity: e.target.value })}>
          <option value="">{t('board.allSeverities')}</option>
          {DEFECT_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('board.age')} value={age} onChange={(e) => set({ age: e.target.value })}>
          <option value="">{t('board.anyAge')}</option>
          {AGES.map((hours) => (
            <option key={hours} value={String(hours)}>
              {hours < 24 ? t('board.olderHours', { n: hours }) : t('board.olderDays', { n: hours / 24 })}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedList list={list} emptyIcon="wrench" emptyText={t('board.empty')} page={page} pageSize={PAGE_SIZE} onPage={(p) => set({ page: String(p) })}>
        {(items) => (
          <ul className="report-list" aria-busy={list.loading || undefined}>
            {items.map((defect) => (
              <li key={defect.id}>
                <Link className={`report-row report-row-${defect.severity}`} to={`/defects/${defect.id}`}>
                  <span className="report-row-main">
                    <span className="report-unit">{defect.unit_code}</span>
                    <SeverityBadge severity={defect.severity} />
                    <DefectStatusBadge status={defect.status} />
                  </span>
                  <span className="report-row-meta">
                    #{defect.id} · <strong>{defect.item_name}</strong>
                    {defect.remark && ` · “${defect.remark}”`} · {relativeAge(defect.opened_at, lang)} ·{' '}
                    {defect.assigned_to_name ? t('defect.assignedTo', { name: defect.assigned_to_name }) : t('defect.unassigned')}
                  </span>
                  <Icon name="right" />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </Page>
  );
}
