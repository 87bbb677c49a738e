import { useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { ButtonLink } from '../../components/Button';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { Page } from '../../components/Page';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { useUser } from '../../session/session';
import { ChecklistForm } from './ChecklistForm';
import { slotLabel, slotsFor } from './slots';

/** /units/:vehicleId/check/:slot: loads the unit and its checklist, then the form takes over. */
export function ChecklistPage() {
  const { t } = useI18n();
  const user = useUser();
  const params = useParams();
  const vehicleId = Number(params.vehicleId);
  const slot = Number(params.slot);

  const data = useResource(
    async (signal) => {
      const [vehicle, items, compliance] = await Promise.all([
        api.vehicle(vehicleId, { signal }),
        api.checklist(vehicleId, { signal }),
        // only to warn early that the slot is taken: the page works without it
        api.compliance({ signal }).catch(() => undefined),
      ]);
      return { vehicle, items, done: compliance?.find((c) => c.vehicle_id === vehicleId)?.done_slots ?? [] };
    },
    [vehicleId],
  );

  const back = (
    <ButtonLink to="/units" variant="secondary" icon="left">
      {t('check.pickOther')}
    </ButtonLink>
  );

  if (!data.data) {
    return (
      <Page title={t('units.title')}>
        {data.error !== undefined ? <ErrorState error={data.error} onRetry={data.reload} /> : <Loading />}
        {data.error !== undefined && back}
      </Page>
    );
  }

  const { vehicle, items, done } = data.data;
  const title = `P2H ${vehicle.unit_code}`;
  const subtitle = `${vehicle.plate_number} · ${slotLabel(t, vehicle.shift_type, slot)}`;
  if (!slotsFor(vehicle.shift_type).includes(slot)) {
    return (
      <Page title={title}>
        <EmptyState icon="warning" action={back}>
          {t('check.badSlot')}
        </EmptyState>
      </Page>
    );
  }
  if (items.length === 0) {
    return (
      <Page title={title} subtitle={subtitle}>
        <EmptyState icon="warning" action={back}>
          {t('check.noItems')}
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page title={title} subtitle={subtitle}>
      <ChecklistForm key={`${user.id}:${vehicle.id}:${slot}`} userId={user.id} vehicle={vehicle} slot={slot} items={items} slotAlreadyDone={done.includes(slot)} />
    </Page>
  );
}
