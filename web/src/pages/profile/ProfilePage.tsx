import { Button, ButtonLink } from '../../components/Button';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { useSession, useUser } from '../../session/session';
import { NotificationPrefsCard } from './NotificationPrefsCard';
import { TelegramCard } from './TelegramCard';

export function ProfilePage() {
  const { t, lang, setLang } = useI18n();
  const user = useUser();
  const { logout } = useSession();
  return (
    <Page title={t('profile.title')}>
      <section className="card" aria-label={user.full_name}>
        <p className="profile-name">{user.full_name}</p>
        <dl className="facts">
          <div>
            <dt>{t('profile.phone')}</dt>
            <dd>{user.phone_number}</dd>
          </div>
          {user.email && (
            <div>
              <dt>{t('profile.email')}</dt>
              <dd>{user.email}</dd>
            </div>
          )}
          <div>
            <dt>{t('profile.role')}</dt>
            <dd>{t(`role.${user.role}`)}</dd>
          </div>
        </dl>
      </section>

      <TelegramCard />

      <NotificationPrefsCard />

      <section className="card" aria-labelledby="language-title">
        <h2 id="language-title">{t('profile.language')}</h2>
        <div className="segmented" role="group" aria-labelledby="language-title">
          <button type="button" aria-pressed={lang === 'id'} onClick={() => setLang('id')} lang="id">
            Bahasa Indonesia
          </button>
          <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')} lang="en">
            English
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="security-title">
        <h2 id="security-title">{t('profile.security')}</h2>
        <div className="button-column">
          <ButtonLink to="/profile/password" variant="secondary" block icon="key">
            {t('password.title')}
          </ButtonLink>
          <Button
            variant="danger"
            block
            icon="logout"
            onClick={logout}
          >
            {t('logout')}
          </Button>
        </div>
      </section>
    </Page>
  );
}
