import { ButtonLink } from '../../components/Button';
import { EmptyState } from '../../components/States';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <EmptyState icon="search" action={<ButtonLink to="/">{t('noAccess.home')}</ButtonLink>}>
        {t('notFound.body')}
      </EmptyState>
    </Page>
  );
}
