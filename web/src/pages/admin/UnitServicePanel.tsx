import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { isoToday } from '../../api/admin';
import { defectsApi } from '../../api/defects';
import type { Vehicle } from '../../api/types';
import { Button } from '../../components/Button';
import { TextArea, TextField } from '../../components/Field';
import { ErrorState, Loading, Notice } from '../../components/States';
import { OutOfServiceBadge } from '../../components/StatusBadge';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { ConfirmButton } from './AdminParts';

/** A unit's operational state: hold it out of service by hand or release it, and its availability over a date range. */
export function UnitServicePanel({ initial }: { initial: Vehicle }) {
  const { t, errorText, formatDateTime, formatNumber } = useI18n();
  const [vehicle, setVehicle] = useState(initial);
  const [holding, setHolding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [from, setFrom] = useState(isoToday(-6));
  const [to, setTo] = useState(isoToday());
  const availability = useResource(
    (signal) => defectsApi.availability(vehicle.id, from, to, { signal }),
    [vehicle.id, from, to, vehicle.out_of_service],
  );

  async function change(action: () => Promise<Vehicle>) {
    setBusy(true);
    setFailure(undefined);
    try {
      setVehicle(await action());
      setHolding(false);
      setReason('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  function hold(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setReasonError(t('common.fieldRequired'));
    setReasonError(null);
    void change(() => defectsApi.holdOutOfService(vehicle.id, reason.trim()));
  }

  return (
    <section className="card unit-service" aria-labelledby="unit-service-title">
      <h2 id="unit-service-title">{t('service.title')}</h2>
      {vehicle.out_of_service ? (
        <>
          <p>
            <OutOfServiceBadge />{' '}
            {vehicle.out_of_service_since && t('service.since', { time: formatDateTime(vehicle.out_of_service_since) })}
          </p>
          {vehicle.out_of_service_reason && <p className="stop-reason">{vehicle.out_of_service_reason}</p>}
          <ConfirmButton variant="primary" busy={busy} onConfirm={() => void change(() => defectsApi.returnToService(vehicle.id))}>
            {t('service.release')}
          </ConfirmButton>
        </>
      ) : (
        <>
          <p className="badge badge-normal">{t('service.ready')}</p>
          {!holding ? (
            <Button variant="danger" icon="ban" onClick={() => setHolding(true)}>
              {t('service.hold')}
            </Button>
          ) : (
            <form className="repair-form" onSubmit={hold} noValidate>
              <TextArea label={t('service.holdReason')} rows={2} maxLength={500} value={reason} error={reasonError} onChange={(e) => setReason(e.target.value)} />
              <div className="button-row">
                <Button type="submit" variant="danger" busy={busy}>
                  {t('service.confirmHold')}
                </Button>
                <Button variant="ghost" onClick={() => setHolding(false)}>
                  {t('common.cancel')}
                </Button>
              </div>
            </form>
          )}
        </>
      )}
      {failure !== undefined && <Notice tone="danger">{errorText(failure)}</Notice>}
      <p>
        <Link to={`/admin/defects?unit=${vehicle.id}`}>{t('service.defects')}</Link>
      </p>

      <h3>{t('service.availability')}</h3>
      <div className="admin-filters">
        <TextField label={t('reports.admin.from')} type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        <TextField label={t('reports.admin.to')} type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
      </div>
      {availability.data === undefined ? (
        availability.error !== undefined ? <ErrorState error={availability.error} onRetry={availability.reload} /> : <Loading />
      ) : (
        <>
          <p className="availability-figures">
            <strong>{t('service.percent', { p: formatNumber(availability.data.availability_percent, 1) })}</strong> ·{' '}
            {t('service.hoursOut', { hours: formatNumber(availability.data.hours_out_of_service, 1), total: formatNumber(availability.data.hours_total, 0) })}
          </p>
          {availability.data.periods.length > 0 && (
            <ul className="availability-periods">
              {availability.data.periods.map((period) => (
                <li key={period.from}>
                  {formatDateTime(period.from)} – {period.to ? formatDateTime(period.to) : t('service.periodOpen')}: {period.reason}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
