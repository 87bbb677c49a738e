import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { BotLanguage, DeliveryMode, NotificationPreferences, NotificationPreferencesUpdate, PreferenceTopic } from '../../api/types';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/Field';
import { ErrorState, Loading, Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n, type MessageKey } from '../../i18n';
import { useUser } from '../../session/session';

const MODES: DeliveryMode[] = ['on', 'silent', 'off'];
/** The daily summary goes to admins only (and the group), so only they are asked about it. */
const TOPICS: PreferenceTopic[] = ['p2h_warning', 'p2h_abnormal', 'defects', 'expiry', 'daily_summary'];
const BOT_LANGUAGES: { value: BotLanguage; label: string }[] = [
  { value: 'id', label: 'Bahasa Indonesia' },
  { value: 'en', label: 'English' },
];
/** What the quiet-hours switch proposes when turned on: the bot's own preset. */
const QUIET_PRESET = { quiet_hours_start: '22:00', quiet_hours_end: '05:00' };

/** Every half hour of the day, plus a saved time off that grid (set through the API): a list, not the browser's time picker, whose 12/24-hour look follows the phone, not the app. */
function timeChoices(current: string | null): string[] {
  const grid = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
  return current && !grid.includes(current) ? [...grid, current].sort() : grid;
}

/** Only what differs from what the server has: a change made in the bot meanwhile is not overwritten. */
export function changedFields(saved: NotificationPreferences, draft: NotificationPreferences): NotificationPreferencesUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as (keyof NotificationPreferences)[]) if (draft[key] !== saved[key]) changes[key] = draft[key];
  // Quiet hours travel as a pair: the server refuses half of one.
  if ('quiet_hours_start' in changes || 'quiet_hours_end' in changes) {
    changes['quiet_hours_start'] = draft.quiet_hours_start;
    changes['quiet_hours_end'] = draft.quiet_hours_end;
  }
  return changes as NotificationPreferencesUpdate;
}

/** Which Telegram messages this person gets, how loudly, when, and in which language: GET/PUT /api/users/me/notification-preferences. */
export function NotificationPrefsCard() {
  const { t, lang, errorText } = useI18n();
  const user = useUser();
  // 22:00 is written "22.00" in Indonesian, as every other time in the app (see i18n/format.ts).
  const clockText = (time: string) => (lang === 'id' ? time.replace(':', '.') : time);
  const prefs = useResource((signal) => api.notificationPreferences({ signal }), []);
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: true } | { error: unknown } | null>(null);
  const [showProblems, setShowProblems] = useState(false);

  useEffect(() => {
    if (prefs.data) setDraft(prefs.data);
  }, [prefs.data]);

  let body;
  if (!draft || !prefs.data) {
    body = prefs.error !== undefined ? <ErrorState error={prefs.error} onRetry={prefs.reload} /> : <Loading />;
  } else {
    const saved = prefs.data;
    const change = (next: Partial<NotificationPreferences>) => {
      setDraft({ ...draft, ...next });
      setOutcome(null);
    };
    const quietOn = draft.quiet_hours_start !== null || draft.quiet_hours_end !== null;
    const endProblem = quietOn && draft.quiet_hours_end === draft.quiet_hours_start ? t('prefs.quietSame') : null;
    const changes = changedFields(saved, draft);
    const dirty = Object.keys(changes).length > 0;

    const save = async () => {
      setShowProblems(true);
      if (endProblem) return;
      if (!dirty) {
        setOutcome({ saved: true });
        return;
      }
      setBusy(true);
      setOutcome(null);
      try {
        prefs.set(await api.updateNotificationPreferences(changes));
        setOutcome({ saved: true });
        setShowProblems(false);
      } catch (error) {
        setOutcome({ error });
      } finally {
        setBusy(false);
      }
    };

    body = (
      <form
        className="prefs-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="muted">{t('prefs.intro')}</p>
        {TOPICS.filter((topic) => topic !== 'daily_summary' || user.role === 'admin' || user.role === 'superadmin').map((topic) => (
          <fieldset key={topic} className="prefs-topic">
            <legend>{t(`prefs.topic.${topic}` as MessageKey)}</legend>
            <div className="choice-group">
              {MODES.filter((mode) => topic !== 'p2h_abnormal' || mode !== 'off').map((mode) => (
                <label key={mode} className={`choice choice-${mode}`}>
                  <input type="radio" name={`prefs-${topic}`} value={mode} checked={draft[topic] === mode} onChange={() => change({ [topic]: mode })} />
                  <span>{t(`prefs.mode.${mode}`)}</span>
                </label>
              ))}
            </div>
            {topic === 'p2h_abnormal' && <p className="field-hint">{t('prefs.abnormalHint')}</p>}
          </fieldset>
        ))}

        <fieldset className="prefs-topic">
          <legend>{t('prefs.quiet')}</legend>
          <p className="field-hint">{t('prefs.quietHint')}</p>
          <label className="check-line">
            <input
              type="checkbox"
              checked={quietOn}
              onChange={(e) =>
                change(e.target.checked ? { ...QUIET_PRESET } : { quiet_hours_start: null, quiet_hours_end: null })
              }
            />
            <span>{t('prefs.quietOn')}</span>
          </label>
          {quietOn ? (
            <div className="prefs-times">
              <SelectField
                label={t('prefs.quietStart')}
                value={draft.quiet_hours_start ?? ''}
                onChange={(e) => change({ quiet_hours_start: e.target.value })}
              >
                {timeChoices(draft.quiet_hours_start).map((time) => (
                  <option key={time} value={time}>
                    {clockText(time)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('prefs.quietEnd')}
                value={draft.quiet_hours_end ?? ''}
                onChange={(e) => change({ quiet_hours_end: e.target.value })}
                error={showProblems ? endProblem : null}
              >
                {timeChoices(draft.quiet_hours_end).map((time) => (
                  <option key={time} value={time}>
                    {clockText(time)}
                  </option>
                ))}
              </SelectField>
            </div>
          ) : (
            <p className="muted">{t('prefs.quietNone')}</p>
          )}
        </fieldset>

        <fieldset className="prefs-topic">
          <legend>{t('prefs.language')}</legend>
          <p className="field-hint">{t('prefs.languageHint')}</p>
          <div className="choice-group">
            {BOT_LANGUAGES.map(({ value, label }) => (
              <label key={value} className="choice" lang={value}>
                <input type="radio" name="prefs-language" value={value} checked={draft.language === value} onChange={() => change({ language: value })} />
                <span>{label}</span>
              </label>
            ))}
          </div>
        </fieldset>

        {outcome && 'saved' in outcome && !dirty && <Notice tone="success">{t('prefs.saved')}</Notice>}
        {outcome && 'error' in outcome && <Notice tone="danger">{errorText(outcome.error)}</Notice>}
        {dirty && !outcome && <p className="muted" role="status">{t('prefs.unsaved')}</p>}
        <Button type="submit" block icon="check" busy={busy}>
          {t('prefs.save')}
        </Button>
      </form>
    );
  }

  return (
    <section className="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('prefs.title')}</h2>
      {body}
    </section>
  );
}
