import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { TelegramLinkToken } from '../../api/types';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ErrorState, Loading, Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { QrCode } from './QrCode';

const POLL_MS = 3000;

/** Link status, the one-time deep link (opened, and as a QR code for another device), and unlinking. */
export function TelegramCard() {
  const { t, errorText, formatDateTime, formatTime } = useI18n();
  const status = useResource((signal) => api.telegramStatus({ signal }), []);
  const [link, setLink] = useState<TelegramLinkToken | null>(null);
  const [expired, setExpired] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [message, setMessage] = useState<'linked' | 'unlinked' | null>(null);
  const linked = status.data?.is_linked ?? false;
  const setStatus = status.set;

  // While a link is out, watch for the user pressing Start in Telegram (maybe on another phone).
  useEffect(() => {
    if (!link || linked) return;
    const timer = window.setInterval(() => {
      if (Date.parse(link.expires_at) <= Date.now()) {
        setExpired(true);
        window.clearInterval(timer);
        return;
      }
      api
        .telegramStatus()
        .then((next) => {
          if (next.is_linked) {
            setStatus(next);
            setLink(null);
            setMessage('linked');
          }
        })
        .catch(() => undefined); // a missed poll is fine: the next one will tell
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [link, linked, setStatus]);

  const connect = async () => {
    setBusy(true);
    setActionError(null);
    setMessage(null);
    try {
      const token = await api.telegramLinkToken();
      setLink(token);
      setExpired(false);
      // Still inside the tap's user activation on most phones; the button below is there if it was blocked.
      window.open(token.url, '_blank', 'noopener');
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  const unlink = async () => {
    setBusy(true);
    setActionError(null);
    try {
      status.set(await api.telegramUnlink());
      setConfirmUnlink(false);
      setMessage('unlinked');
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (!status.data) {
    body = status.error !== undefined ? <ErrorState error={status.error} onRetry={status.reload} /> : <Loading />;
  } else if (status.data.is_linked) {
    const data = status.data;
    body = (
      <>
        <p>
          <span className="badge badge-normal">{t('tg.linked')}</span>
        </p>
        <dl className="facts">
          {data.telegram_username && (
            <div>
              <dt>{t('tg.account')}</dt>
              <dd>@{data.telegram_username}</dd>
            </div>
          )}
          {data.telegram_linked_at && (
            <div>
              <dt>{t('tg.since')}</dt>
              <dd>{formatDateTime(data.telegram_linked_at)}</dd>
            </div>
          )}
        </dl>
        {!data.is_reachable && <Notice tone="warning">{t('tg.unreachable')}</Notice>}
        {confirmUnlink ? (
          <Notice
            tone="warning"
            action={
              <div className="button-row">
                <Button variant="danger" onClick={unlink} busy={busy}>
                  {t('tg.unlinkYes')}
                </Button>
                <Button variant="ghost" onClick={() => setConfirmUnlink(false)}>
                  {t('common.cancel')}
                </Button>
              </div>
            }
          >
            {t('tg.unlinkConfirm')}
          </Notice>
        ) : (
          <Button variant="secondary" onClick={() => setConfirmUnlink(true)}>
            {t('tg.unlink')}
          </Button>
        )}
      </>
    );
  } else {
    body = (
      <>
        <p>
          <span className="badge badge-abnormal">{t('tg.notLinked')}</span>
        </p>
        <p>{t('tg.intro')}</p>
        {link && !expired ? (
          <div className="tg-link">
            <a className="btn btn-primary btn-block" href={link.url} target="_blank" rel="noopener noreferrer">
              <Icon name="send" />
              <span>{t('tg.open')}</span>
            </a>
            <p>{t('tg.expires', { time: formatTime(link.expires_at) })}</p>
            <p>{t('tg.qr')}</p>
            <QrCode text={link.url} />
            <p className="muted" role="status">
              {t('tg.waiting')}
            </p>
          </div>
        ) : (
          <>
            {expired && <Notice tone="warning">{t('tg.expired')}</Notice>}
            <Button block icon="send" onClick={connect} busy={busy}>
              {expired ? t('tg.newLink') : t('tg.connect')}
            </Button>
          </>
        )}
      </>
    );
  }

  return (
    <section className="card" aria-labelledby="telegram-title">
      <h2 id="telegram-title">{t('tg.title')}</h2>
      {message === 'linked' && <Notice tone="success">{t('tg.justLinked')}</Notice>}
      {message === 'unlinked' && <Notice tone="success">{t('tg.unlinked')}</Notice>}
      {actionError !== null && <Notice tone="danger">{errorText(actionError)}</Notice>}
      {body}
    </section>
  );
}
