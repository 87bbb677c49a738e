import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/endpoints';
import type { Compliance } from '../../api/types';
import { TextField } from '../../components/Field';
import { EmptyState, ErrorState, Loading, Notice } from '../../components/States';
import { Page } from '../../components/Page';
import { useDebounced } from '../../hooks/useDebounced';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { useUser } from '../../session/session';
import { UnitCard } from './UnitCard';

const PAGE_SIZE = 20;

export function UnitSearchPage() {
  const { t } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const query = useDebounced(q.trim(), 300);

  const vehicles = useResource((signal) => api.vehicles({ q: query || undefined, page_size: PAGE_SIZE }, { signal }), [query]);
  const compliance = useResource((signal) => api.compliance({ signal }), []);
  const byVehicle = useMemo(() => new Map<number, Compliance>((compliance.data ?? []).map((c) => [c.vehicle_id, c])), [compliance.data]);

  const list = vehicles.data;
  // The driver's own units first, then by unit code as the server sorts them.
  const items = useMemo(
    () => (list ? [...list.items].sort((a, b) => Number(b.assigned_driver_id === user.id) - Number(a.assigned_driver_id === user.id)) : []),
    [list, user.id],
  );

  return (
    <Page title={t('units.title')} subtitle={t('units.intro')}>
      <form role="search" className="search-box" onSubmit={(e) => e.preventDefault()}>
        <TextField
          type="search"
          label={t('units.search')}
          hint={t('units.searchHint')}
          name="q"
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="search"
          value={q}
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
        />
      </form>
      {compliance.error !== undefined && (
        <Notice tone="warning" action={<button type="button" className="link-button" onClick={compliance.reload}>{t('common.retry')}</button>}>
          {t('units.noCompliance')}
        </Notice>
      )}
      <div aria-live="polite" aria-busy={vehicles.loading}>
        {vehicles.error !== undefined && !vehicles.loading ? (
          <ErrorState error={vehicles.error} onRetry={vehicles.reload} />
        ) : !list || (vehicles.loading && list.items.length === 0) ? (
          <Loading />
        ) : items.length === 0 ? (
          <EmptyState icon="search">{query ? t('units.empty', { q: query }) : t('units.emptyAll')}</EmptyState>
        ) : (
          <>
            <ul className="unit-list">
              {items.map((vehicle) => (
                <UnitCard key={vehicle.id} vehicle={vehicle} compliance={byVehicle.get(vehicle.id)} mine={vehicle.assigned_driver_id === user.id} />
              ))}
            </ul>
            {list.total > list.items.length && <p className="muted">{t('units.more', { shown: list.items.length, total: list.total })}</p>}
          </>
        )}
      </div>
    </Page>
  );
}
