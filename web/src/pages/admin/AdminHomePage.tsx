import { ButtonLink } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Notice } from '../../components/States';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { useUser } from '../../session/session';

/** Placeholder until the admin console exists: where to go meanwhile. */
export function AdminHomePage() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <Page title={t('admin.title')} subtitle={`${user.full_name} · ${t(`role.${user.role}`)}`}>
      <Notice>{t('admin.comingSoon')}</Notice>
      <div className="link-grid">
        <a className="btn btn-primary btn-block" href="/docs">
          <Icon name="info" />
          <span>{t('admin.docs')}</span>
        </a>
        <ButtonLink to="/monitor" variant="secondary" block icon="monitor">
          {t('admin.monitor')}
        </ButtonLink>
        <ButtonLink to="/history" variant="secondary" block icon="history">
          {t('admin.reports')}
        </ButtonLink>
        <ButtonLink to="/units" variant="secondary" block icon="truck">
          {t('admin.units')}
        </ButtonLink>
      </div>
    </Page>
  );
}
