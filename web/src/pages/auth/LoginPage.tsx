import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { detailsByField } from '../../api/details';
import { Button } from '../../components/Button';
import { PasswordField, TextField } from '../../components/Field';
import { Notice } from '../../components/States';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { homePath, useSession } from '../../session/session';

/** Only paths inside this app: never an address elsewhere ("//evil.example"). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const { t, detailText, errorText } = useI18n();
  const { user, login, notice, clearNotice } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

  if (user && !busy) return <Navigate to={next ?? homePath(user.role)} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const empty = { username: username.trim() === '', password: password === '' };
    setMissing(empty);
    if (empty.username || empty.password) return;
    setBusy(true);
    setError(null);
    try {
      const loggedIn = await login(username.trim(), password);
      clearNotice();
      navigate(next ?? homePath(loggedIn.role), { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const details = detailsByField(error);
  const fieldError = (field: 'username' | 'password') => {
    if (missing[field]) return t('common.fieldRequired');
    const detail = details.get(field);
    return detail ? detailText(detail) : null;
  };

  return (
    <Page size="narrow" title={t('login.title')} subtitle={t('login.subtitle')}>
      <div className="card login-card">
        {notice === 'expired' && <Notice tone="warning">{t('login.sessionExpired')}</Notice>}
        {notice === 'loggedOut' && <Notice tone="success">{t('login.loggedOut')}</Notice>}
        {error !== null && details.size === 0 && <Notice tone="danger">{errorText(error)}</Notice>}
        <form onSubmit={onSubmit} noValidate>
          <TextField
            label={t('login.username')}
            hint={t('login.usernameHint')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={fieldError('username')}
          />
          <PasswordField
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError('password')}
          />
          <Button type="submit" block busy={busy} busyText={t('login.submitting')} iconAfter="right">
            {t('login.submit')}
          </Button>
        </form>
        <p className="muted small">{t('login.forgot')}</p>
      </div>
    </Page>
  );
}
