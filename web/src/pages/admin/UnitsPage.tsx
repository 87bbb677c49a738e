import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { adminApi } from '../../api/admin';
import type { Vehicle } from '../../api/types';
import { ButtonLink } from '../../components/Button';
import { TextField } from '../../components/Field';
import { OutOfServiceBadge } from '../../components/StatusBadge';
import { Page } from '../../components/Page';
import { Notice } from '../../components/States';
import { useDebounced } from '../../hooks/useDebounced';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { ConfirmButton, ExpiryTag, PagedList, CheckLine } from './AdminParts';

const PAGE_SIZE = 20;

/** Every unit: search, pages, document expiry at a glance, edit and deactivate. */
export function UnitsPage() {
  const { t, errorText } = useI18n();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [showInactive, setShowInactive] = useState(false);
  const query = useDebounced(q.trim(), 300);
  const list = useResource(
    (signal) => adminApi.vehicles({ q: query || undefined, page, page_size: PAGE_SIZE, is_active: showInactive ? undefined : true }, { signal }),
    [query, page, showInactive],
  );
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(flash ? { tone: 'success', text: flash } : null);

  const deactivate = async (unit: Vehicle) => {
    setBusy(unit.id);
    try {
      await adminApi.deactivateVehicle(unit.id);
      setMessage({ tone: 'success', text: t('units.admin.deactivated', { code: unit.unit_code }) });
      list.reload();
    } catch (error) {
      setMessage({ tone: 'danger', text: errorText(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page
      title={t('units.admin.title')}
      size="wide"
      actions={
        <ButtonLink to="/admin/units/new" icon="truck">
          {t('units.admin.new')}
        </ButtonLink>
      }
    >
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <div className="admin-filters">
        <TextField
          label={t('admin.search')}
          hint={t('units.admin.searchHint')}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <CheckLine checked={showInactive} onChange={(on) => (setShowInactive(on), setPage(1))} label={t('admin.showInactive')} />
      </div>
      <PagedList list={list} emptyIcon="truck" emptyText={t('admin.empty')} page={page} pageSize={PAGE_SIZE} onPage={setPage}>
        {(items) => (
          <ul className="admin-list" aria-busy={list.loading || undefined}>
            {/* Out of service first (within the page): the units that may not leave. */}
            {[...items.filter((u) => u.out_of_service), ...items.filter((u) => !u.out_of_service)].map((unit) => (
              <li key={unit.id} className={`admin-row unit-row${unit.out_of_service ? ' unit-row-stopped' : ''}${unit.is_active ? '' : ' admin-row-inactive'}`}>
                <div className="admin-row-main">
                  <Link to={`/admin/units/${unit.id}`} className="admin-row-title">
                    {unit.unit_code}
                  </Link>
                  <span>{unit.plate_number}</span>
                  {!unit.is_active && <span className="tag tag-muted">{t('admin.inactive')}</span>}
                  {unit.out_of_service && <OutOfServiceBadge />}
                </div>
                {unit.out_of_service && unit.out_of_service_reason && <div className="admin-row-meta stop-reason">{unit.out_of_service_reason}</div>}
                <div className="admin-row-meta">
                  {[unit.vehicle_type, unit.brand, t(`units.admin.shift.${unit.shift_type}`)].filter(Boolean).join(' · ')}
                </div>
                <div className="expiry-line">
                  <ExpiryTag type="stnk" date={unit.stnk_expiry} />
                  <ExpiryTag type="kir" date={unit.kir_expiry} />
                  <ExpiryTag type="pajak" date={unit.pajak_expiry} />
                </div>
                <div className="admin-row-actions">
                  <ButtonLink to={`/admin/units/${unit.id}`} variant="secondary" className="btn-small" aria-label={`${t('admin.edit')} ${unit.unit_code}`}>
                    {t('admin.edit')}
                  </ButtonLink>
                  {unit.is_active && (
                    <ConfirmButton busy={busy === unit.id} onConfirm={() => deactivate(unit)}>
                      {t('admin.deactivate')}
                    </ConfirmButton>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </Page>
  );
}
