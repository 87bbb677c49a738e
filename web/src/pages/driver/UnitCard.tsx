import type { Compliance, Vehicle } from '../../api/types';
import { ButtonLink } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ComplianceBadge } from '../../components/StatusBadge';
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
  return (
    <li className="card unit-card">
      <div className="unit-head">
        <h2 className="unit-code" id={titleId}>
          {vehicle.unit_code}
        </h2>
        {compliance && <ComplianceBadge color={compliance.color} />}
      </div>
      <p className="unit-meta">
        <strong>{vehicle.plate_number}</strong> · {vehicle.vehicle_type}
        {vehicle.brand ? ` · ${vehicle.brand}` : ''}
      </p>
      {mine && <span className="tag">{t('units.mine')}</span>}
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
          ) : (
            <ButtonLink
              key={slot}
              to={`/units/${vehicle.id}/check/${slot}`}
              variant={slot === suggested ? 'primary' : 'secondary'}
              block
              iconAfter="right"
            >
              {t('units.start', { slot: slotLabel(t, vehicle.shift_type, slot) })}
            </ButtonLink>
          ),
        )}
      </div>
      {compliance && done.length === slots.length && <p className="unit-all-done">{t('units.allDone')}</p>}
    </li>
  );
}
