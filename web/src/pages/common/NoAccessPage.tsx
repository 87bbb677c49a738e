import { ButtonLink } from '../../components/Button';
import { EmptyState } from '../../components/States';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/session';

export function NoAccessPage() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <Page title={t('noAccess.title')}>
      <EmptyState icon="shield" action={<ButtonLink to="/">{t('noAccess.home')}</ButtonLink>}>
        {t('noAccess.body', { role: user ? t(`role.${user.role}`) : '-' })}
      </EmptyState>
    </Page>
  );
}
