import { useState } from 'react';
import type { Compliance, Vehicle } from '../../api/types';
import { Button, ButtonLink } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ComplianceBadge, OutOfServiceBadge } from '../../components/StatusBadge';
import { StopPanel } from './StopPanel';
import { useI18n } from '../../i18n';
import { slotLabel, slotsFor, suggestedSlot } from './slots';

/** One unit in the search results: what it is, which slots are done today, and a button per open slot. */
export function UnitCard({ vehicle, compliance, mine }: { vehicle: Vehicle; compliance: Compliance | undefined; mine: boolean }) {
  const { t } = useI18n();
  const slots = slotsFor(vehicle.shift_type);
  const done = compliance?.done_slots ?? [];
  // The server's slot rule decides what may be filed now; without the board, offer every slot and let it say.
  const open = compliance?.open_slots ?? slots.filter((slot) => !done.includes(slot));
  const suggested = suggestedSlot(vehicle.shift_type, new Date(), done, open);
  const titleId = `unit-${vehicle.id}`;
  const stopped = vehicle.out_of_service;
  // On a stopped unit a P2H starts only after the driver says once more that they know.
  const [confirming, setConfirming] = useState<number | null>(null);
  return (
    <li className={`card unit-card${stopped ? ' unit-card-stopped' : ''}`}>
      <div className="unit-head">
        <h2 className="unit-code" id={titleId}>
          {vehicle.unit_code}
        </h2>
        {stopped ? <OutOfServiceBadge /> : compliance && <ComplianceBadge color={compliance.color} />}
      </div>
      <p className="unit-meta">
        <strong>{vehicle.plate_number}</strong> · {vehicle.vehicle_type}
        {vehicle.brand ? ` · ${vehicle.brand}` : ''}
      </p>
      {mine && <span className="tag">{t('units.mine')}</span>}
      {stopped && <StopPanel vehicle={vehicle} />}
      {compliance && <p className="unit-today">{t('units.today', { done: done.length, total: slots.length })}</p>}
      <div className="slot-list">
        {slots.map((slot) =>
          done.includes(slot) ? (
            <span key={slot} className="slot-done">
              <Icon name="check" size={20} />
              {t('units.slotDone', { slot: slotLabel(t, vehicle.shift_type, slot) })}
            </span>
          ) : !open.includes(slot) ? (
            <span key={slot} className="slot-closed">
              {t('units.slotClosed', { slot: slotLabel(t, vehicle.shift_type, slot) })}
            </span>
          ) : stopped && confirming !== slot ? (
            <Button key={slot} variant="secondary" block iconAfter="right" onClick={() => setConfirming(slot)}>
              {t('units.start', { slot: slotLabel(t, vehicle.shift_type, slot) })}
            </Button>
          ) : (
            <ButtonLink
              key={slot}
              to={`/units/${vehicle.id}/check/${slot}`}
              variant={slot === suggested ? 'primary' : 'secondary'}
              block
              iconAfter="right"
            >
              {stopped ? t('unitState.confirmStart', { slot: slotLabel(t, vehicle.shift_type, slot) }) : t('units.start', { slot: slotLabel(t, vehicle.shift_type, slot) })}
            </ButtonLink>
          ),
        )}
      </div>
      {stopped && confirming !== null && <p className="unit-confirm-note" role="alert">{t('unitState.confirmNote')}</p>}
      <ButtonLink to={`/units/${vehicle.id}/defect`} variant="ghost" block icon="wrench">
        {t('unitState.reportDefect')}
      </ButtonLink>
      {compliance && done.length === slots.length && <p className="unit-all-done">{t('units.allDone')}</p>}
    </li>
  );
}
