import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { defectsApi, type Defect } from '../../api/defects';
import { Button } from '../../components/Button';
import { Page } from '../../components/Page';
import { EmptyState, ErrorState, Loading, Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n, type MessageKey } from '../../i18n';
import { useUser } from '../../session/session';
import { DefectActions } from './DefectActions';
import { DefectSummary, groupByUnit, relativeAge } from './DefectParts';

type View = 'unassigned' | 'mine' | 'all';
const VIEWS: { view: View; label: MessageKey }[] = [
  { view: 'unassigned', label: 'repairs.unassigned' },
  { view: 'mine', label: 'repairs.mine' },
  { view: 'all', label: 'repairs.all' },
];

/** Perbaikan: what the workshop still has to do (open and in progress), by unit, ABNORMAL and oldest first. */
export function RepairsPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((v) => v.view === params.get('view'))?.view ?? 'unassigned') as View;

  // Two lists (the API filters one status at a time); both are small: only live work.
  const loaded = useResource(async (signal) => {
    const [open, inProgress] = await Promise.all([
      defectsApi.list({ status: 'open', page_size: 100 }, { signal }),
      defectsApi.list({ status: 'in_progress', page_size: 100 }, { signal }),
    ]);
    return [...open.items, ...inProgress.items];
  }, []);

  const visible = useMemo(() => {
    const all = loaded.data ?? [];
    if (view === 'mine') return all.filter((d) => d.assigned_to_id === user.id);
    if (view === 'unassigned') return all.filter((d) => d.status === 'open');
    return all;
  }, [loaded.data, view, user.id]);
  const groups = useMemo(() => groupByUnit(visible), [visible]);
  const counts = useMemo(() => {
    const all = loaded.data ?? [];
    return { unassigned: all.filter((d) => d.status === 'open').length, mine: all.filter((d) => d.assigned_to_id === user.id).length, all: all.length };
  }, [loaded.data, user.id]);

  const [finished, setFinished] = useState<Defect | null>(null);

  function replace(changed: Defect) {
    if (!loaded.data) return;
    setFinished(changed.status === 'repaired' || changed.status === 'closed' ? changed : null);
    // A repaired or closed defect leaves the workshop's list.
    const still = changed.status === 'open' || changed.status === 'in_progress';
    loaded.set(still ? loaded.data.map((d) => (d.id === changed.id ? changed : d)) : loaded.data.filter((d) => d.id !== changed.id));
  }

  return (
    <Page
      title={t('repairs.title')}
      subtitle={t('repairs.intro')}
      actions={
        <Button variant="secondary" icon="refresh" onClick={loaded.reload} busy={loaded.loading && loaded.data !== undefined}>
          {t('common.refresh')}
        </Button>
      }
    >
      {finished && (
        <Notice tone="success">
          {t(finished.status === 'repaired' ? 'repairs.repairedNotice' : 'repairs.closedNotice', { unit: finished.unit_code, item: finished.item_name })}
        </Notice>
      )}
      <div className="segmented" role="tablist" aria-label={t('repairs.views')}>
        {VIEWS.map(({ view: v, label }) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className={`segment${view === v ? ' segment-active' : ''}`}
            onClick={() => setParams(v === 'unassigned' ? {} : { view: v }, { replace: true })}
          >
            {t(label)} {loaded.data && <span className="segment-count">{counts[v]}</span>}
          </button>
        ))}
      </div>
      <div aria-live="polite" aria-busy={loaded.loading}>
        {loaded.data === undefined ? (
          loaded.error !== undefined ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : <Loading />
        ) : groups.length === 0 ? (
          <EmptyState icon="check">{t(view === 'mine' ? 'repairs.emptyMine' : view === 'unassigned' ? 'repairs.emptyUnassigned' : 'repairs.emptyAll')}</EmptyState>
        ) : (
          <ul className="repair-groups">
            {groups.map((group) => (
              <li key={group.vehicleId} className="card repair-group">
                <h2 className="unit-code">
                  {group.unitCode}
                  <span className="muted repair-group-age">
                    {' '}
                    · {t('repairs.oldest', { age: relativeAge(oldestOpened(group.defects), lang) })}
                  </span>
                </h2>
                <ul className="defect-list">
                  {group.defects.map((defect) => (
                    <li key={defect.id} className={`defect-item defect-${defect.severity}`}>
                      <DefectSummary defect={defect} showUnit={false} linkTo={`/defects/${defect.id}`} />
                      <DefectActions defect={defect} onChanged={replace} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Page>
  );
}

function oldestOpened(defects: Defect[]): string {
  return defects.reduce((oldest, d) => (d.opened_at < oldest ? d.opened_at : oldest), defects[0]!.opened_at);
}
