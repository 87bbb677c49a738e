import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider } from './i18n';
import { registerServiceWorker } from './offline/register-sw';
import { SessionProvider } from './session/session';
import './styles/base.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/checklist.css';
import './styles/admin.css';
import './styles/workshop.css';
import './styles/offline.css';
import './styles/preferences.css';

registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
