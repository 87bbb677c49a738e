import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { adminApi, isoToday } from '../../api/admin';
import { api } from '../../api/endpoints';
import type { ComplianceColor, P2hStatus } from '../../api/types';
import { ButtonLink } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Page } from '../../components/Page';
import { ErrorState, Loading } from '../../components/States';
import { ComplianceBadge, OutOfServiceBadge, StatusBadge } from '../../components/StatusBadge';
import { useResource, type Resource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { useUser } from '../../session/session';
import { ExpiryTag } from './AdminParts';

const COLORS: ComplianceColor[] = ['green', 'yellow', 'red'];
const STATUSES: P2hStatus[] = ['normal', 'warning', 'abnormal'];

/** One dashboard card: its own loading and error, so one failing source never blanks the others. */
function Panel<T>({ title, resource, children }: { title: string; resource: Resource<T>; children(data: T): ReactNode }) {
  return (
    <section className="card admin-panel">
      <h2>{title}</h2>
      {resource.data !== undefined ? (
        children(resource.data)
      ) : resource.error !== undefined ? (
        <ErrorState error={resource.error} onRetry={resource.reload} />
      ) : (
        <Loading />
      )}
    </section>
  );
}

/** Today at a glance: compliance per unit, reports by status, documents, notifications, Telegram adoption. */
export function AdminHomePage() {
  const { t } = useI18n();
  const user = useUser();
  const compliance = useResource((signal) => api.compliance({ signal }), []);
  const reports = useResource(async (signal) => {
    const today = (await api.compliance({ signal }))[0]?.operational_date ?? isoToday();
    const counts = await Promise.all(
      STATUSES.map((status) => adminApi.reports({ status, date_from: today, date_to: today, page_size: 1 }, { signal }).then((p) => p.total)),
    );
    return STATUSES.map((status, i) => ({ status, count: counts[i]! }));
  }, []);
  const documents = useResource((signal) => adminApi.expiring(isoToday(30), { signal }), []);
  const ready = useResource((signal) => adminApi.readiness({ signal }), []);
  const adoption = useResource((signal) => adminApi.adoption({ signal }), []);

  return (
    <Page title={t('admin.title')} subtitle={`${user.full_name} · ${t(`role.${user.role}`)}`} size="wide">
      <div className="admin-dash">
        <Panel title={t('admin.dash.compliance')} resource={compliance}>
          {(rows) => (
            <>
              <div className="summary-tiles summary-tiles-4">
                {/* Stopped units are counted apart: they are not "missing a P2H", they may not leave. */}
                <div className="summary-tile summary-stopped">
                  <span className="summary-count">{rows.filter((r) => r.out_of_service).length}</span>
                  <span>{t('unitState.outOfService')}</span>
                </div>
                {COLORS.map((color) => (
                  <div key={color} className={`summary-tile summary-${color}`}>
                    <span className="summary-count">{rows.filter((r) => !r.out_of_service && r.color === color).length}</span>
                    <span>{t(`compliance.${color}`)}</span>
                  </div>
                ))}
              </div>
              <ul className="compliance-list admin-compliance">
                {[...rows.filter((r) => r.out_of_service), ...rows.filter((r) => !r.out_of_service)].map((row) => (
                  <li key={row.vehicle_id} className={`compliance-row compliance-${row.out_of_service ? 'stopped' : row.color}`}>
                    <span className="compliance-unit">
                      <strong>{row.unit_code}</strong> <span className="muted">{row.plate_number}</span>
                    </span>
                    <span className="compliance-slots">
                      {row.out_of_service ? row.out_of_service_reason : `${row.done_slots.length}/${row.required_slots}`}
                    </span>
                    {row.out_of_service ? <OutOfServiceBadge /> : <ComplianceBadge color={row.color} />}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Panel>
        <div className="admin-dash-side">
          <Panel title={t('admin.dash.reportsToday')} resource={reports}>
            {(rows) => (
              <ul className="count-list">
                {rows.map(({ status, count }) => (
                  <li key={status}>
                    <Link to={`/admin/reports?status=${status}&from=today`} className="count-row">
                      <StatusBadge status={status} />
                      <span className="count-number">{count}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title={t('admin.dash.documents')} resource={documents}>
            {(docs) =>
              docs.length === 0 ? (
                <p className="muted">{t('admin.dash.noDocuments')}</p>
              ) : (
                <ul className="doc-list">
                  {[...docs]
                    .sort((a, b) => a.expiry_date.localeCompare(b.expiry_date))
                    .map((doc) => (
                      <li key={`${doc.vehicle_id}-${doc.document_type}`}>
                        <Link to={`/admin/units/${doc.vehicle_id}`}>
                          <strong>{doc.unit_code}</strong>
                        </Link>{' '}
                        <ExpiryTag type={doc.document_type} date={doc.expiry_date} />
                      </li>
                    ))}
                </ul>
              )
            }
          </Panel>
          <Panel title={t('admin.dash.notifications')} resource={ready}>
            {(r) => (
              <>
                {r.notifications && (
                  <dl className="facts">
                    <div>
                      <dt>{t('admin.dash.pending')}</dt>
                      <dd>{r.notifications.pending}</dd>
                    </div>
                    <div className={r.notifications.failed > 0 ? 'fact-bad' : undefined}>
                      <dt>{t('admin.dash.failed')}</dt>
                      <dd>{r.notifications.failed}</dd>
                    </div>
                  </dl>
                )}
                <p className={r.telegram.bot === 'ok' ? 'muted' : 'text-warn'}>
                  {r.telegram.bot !== 'ok' && <Icon name="warning" size={18} />}{' '}
                  {t('admin.dash.bot', { state: t(`admin.dash.bot.${r.telegram.bot}`) })}
                </p>
                <ButtonLink to="/admin/notifications" variant="secondary" icon="send">
                  {t('admin.dash.openLog')}
                </ButtonLink>
              </>
            )}
          </Panel>
          <Panel title={t('admin.dash.adoption')} resource={adoption}>
            {(a) => (
              <div className="adoption">
                <span className="adoption-pct">{Math.round(a.percentage)}%</span>
                <span>{t('admin.dash.adoptionText', { linked: a.linked_users, total: a.total_users })}</span>
                <div className="meter" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, Math.max(0, a.percentage))}%` }} />
                </div>
              </div>
            )}
          </Panel>
          <div className="link-grid">
            <a className="btn btn-secondary btn-block" href="/docs">
              <Icon name="info" />
              <span>{t('admin.docs')}</span>
            </a>
            <ButtonLink to="/monitor" variant="secondary" block icon="monitor">
              {t('admin.monitor')}
            </ButtonLink>
            <ButtonLink to="/units" variant="secondary" block icon="truck">
              {t('admin.units')}
            </ButtonLink>
          </div>
        </div>
      </div>
    </Page>
  );
}
