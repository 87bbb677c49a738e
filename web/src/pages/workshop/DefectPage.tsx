import { Link, useNavigate, useParams } from 'react-router';
import { defectsApi, type DefectDetail } from '../../api/defects';
import { Button } from '../../components/Button';
import { Page } from '../../components/Page';
import { ErrorState, Loading } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { PhotoThumbs } from '../../photos/PhotoThumbs';
import { useUser, ADMINS } from '../../session/session';
import { DefectActions } from './DefectActions';
import { DefectSummary } from './DefectParts';

/** One defect: what it is, what can be done now, and its timeline (oldest first). */
export function DefectPage() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const user = useUser();
  const id = Number(useParams().id);
  const loaded = useResource((signal) => defectsApi.get(id, { signal }), [id]);
  const defect = loaded.data;
  const reportBase = ADMINS.includes(user.role) ? '/admin/reports' : '/reports';
  const back = (
    <Button variant="ghost" icon="left" onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))}>
      {t('common.back')}
    </Button>
  );
  if (!defect) {
    return (
      <Page title={t('defect.title', { id })} actions={back}>
        {loaded.error !== undefined ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : <Loading />}
      </Page>
    );
  }
  return (
    <Page title={t('defect.title', { id })} subtitle={`${defect.unit_code} · ${defect.item_name}`} actions={back}>
      <div className="card">
        <DefectSummary defect={defect} />
        {/* After an action, fetch again: the timeline gained an event. */}
        <DefectActions defect={defect} onChanged={() => loaded.reload()} />
      </div>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('defect.timeline')}</h2>
        <ol className="timeline">
          {(defect as DefectDetail).events.map((event, index) => (
            <li key={index} className={`timeline-event timeline-${event.action}`}>
              <p className="timeline-head">
                <strong>{t(`defect.event.${event.action}`)}</strong> · <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </p>
              <p className="muted">
                {event.actor_name ?? t('defect.system')}
                {event.report_id !== null && (
                  <>
                    {' · '}
                    <Link to={`${reportBase}/${event.report_id}`}>{t('defect.fromReport', { id: event.report_id })}</Link>
                  </>
                )}
              </p>
              {event.note && <p>“{event.note}”</p>}
              <PhotoThumbs photos={event.photos} label={t('photo.ofStep', { n: index + 1 })} />
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
