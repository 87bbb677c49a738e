import { NavLink, Outlet } from 'react-router';
import { Icon } from '../components/Icon';
import { OfflineBanner } from '../components/States';
import { useI18n } from '../i18n';
import { QueueBanner } from '../offline/QueueStatus';
import { SUBMITTERS, useSession } from '../session/session';
import { navFor } from './nav';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <button type="button" className="lang-switch" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} aria-label={t('lang.switchLabel')}>
      <Icon name="globe" size={20} />
      <span lang={lang === 'id' ? 'en' : 'id'}>{t('lang.switch')}</span>
    </button>
  );
}

function Brand() {
  const { t } = useI18n();
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">
        <Icon name="check" size={20} />
      </span>
      <span className="brand-name">P2H</span>
      <span className="brand-sub">{t('app.title')}</span>
    </span>
  );
}

/** Header, main menu (bottom bar on phones, in the header on wide screens) and the page. */
export function AppLayout() {
  const { user } = useSession();
  const { t } = useI18n();
  const items = user ? navFor(user.role) : [];
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Brand />
          <nav className="main-nav" aria-label={t('nav.label')}>
            <ul>
              {items.map((item) => (
                <li key={item.label}>
                  <NavLink to={item.to} className="nav-link" end={item.to === '/' || item.to === '/admin'}>
                    <Icon name={item.icon} />
                    <span>{t(item.label)}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <OfflineBanner />
      {user && SUBMITTERS.includes(user.role) && <QueueBanner userId={user.id} />}
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </div>
  );
}

/** For the login page: no menu. */
export function BareLayout() {
  return (
    <div className="app app-bare">
      <header className="app-header">
        <div className="app-header-inner">
          <Brand />
          <LanguageSwitch />
        </div>
      </header>
      <OfflineBanner />
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
