import type { RefObject } from 'react';
import { isApiError, isRetryable } from '../../api/client';
import { Button, ButtonLink } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n';
import { expectedStatus, isComplete, type Section } from './checklist-model';
import type { Answer } from './draft';

/** Refusals that another unit or slot answers; the server's message says which slot is open now. */
const PICK_ANOTHER = new Set(['SLOT_TAKEN', 'SLOT_NOT_OPEN', 'UNIT_NOT_ASSIGNED']);

interface Props {
  headingRef: RefObject<HTMLHeadingElement | null>;
  sections: Section[];
  answers: Record<string, Answer>;
  odometer: string;
  onOdometer(value: string): void;
  odometerError: string | null;
  onGoTo(step: number): void;
  onBack(): void;
  onSubmit(): void;
  submitting: boolean;
  submitError: unknown;
}

/** Last step: odometer, what the result will be, the items with problems, and the submit button. */
export function ReviewStep(props: Props) {
  const { headingRef, sections, answers, odometer, onOdometer, odometerError, onGoTo, onBack, onSubmit, submitting, submitError } = props;
  const { t, errorText } = useI18n();
  const items = sections.flatMap((s) => s.items);
  const expected = expectedStatus(answers, items);
  const problems = items.filter((item) => answers[item.id]?.status && answers[item.id]?.status !== 'normal');
  const incompleteSections = sections
    .map((section, index) => ({ section, index, missing: section.items.filter((item) => !isComplete(answers[item.id])).length }))
    .filter((s) => s.missing > 0);
  const missing = incompleteSections.reduce((sum, s) => sum + s.missing, 0);

  return (
    <section className="check-step review-step" aria-labelledby="step-title">
      <h2 id="step-title" ref={headingRef} tabIndex={-1}>
        {t('check.review')}
      </h2>

      {missing > 0 && (
        <Notice
          tone="warning"
          action={
            <div className="button-column">
              {incompleteSections.map(({ section, index, missing: n }) => (
                <Button key={section.name} variant="secondary" iconAfter="right" onClick={() => onGoTo(index)}>
                  {t('check.goTo', { section: section.name })} ({n})
                </Button>
              ))}
            </div>
          }
        >
          {t('check.missing', { n: missing })}
        </Notice>
      )}

      {missing === 0 && (
        <div className={`expected expected-${expected}`}>
          <span className="expected-label">{t('check.expected')}</span>
          <StatusBadge status={expected} withMeaning />
        </div>
      )}

      <h3>{t('check.problems')}</h3>
      {problems.length === 0 ? (
        <p>{t('check.noProblems')}</p>
      ) : (
        <ul className="problem-list">
          {problems.map((item) => (
            <li key={item.id}>
              <strong>
                {item.item_name} <span className="muted">· {item.section}</span>
              </strong>
              <StatusBadge status={answers[item.id]!.status!} />
              {answers[item.id]!.remark.trim() && <p className="remark">{answers[item.id]!.remark}</p>}
            </li>
          ))}
        </ul>
      )}

      <TextField
        label={`${t('check.odometer')} (${t('common.optional')})`}
        hint={t('check.odometerHint')}
        inputMode="decimal"
        autoComplete="off"
        value={odometer}
        onChange={(e) => onOdometer(e.target.value)}
        error={odometerError}
      />

      {submitError !== null && (
        <Notice
          tone="danger"
          action={
            isApiError(submitError) && PICK_ANOTHER.has(submitError.code) ? (
              <ButtonLink to="/units" variant="secondary" icon="left">
                {t('check.pickOther')}
              </ButtonLink>
            ) : undefined
          }
        >
          <p>{errorText(submitError)}</p>
          {isRetryable(submitError) && <p>{t('check.keptOnPhone')}</p>}
        </Notice>
      )}

      <div className="button-column submit-buttons">
        <Button icon="send" block onClick={onSubmit} busy={submitting} busyText={t('check.submitting')} disabled={missing > 0}>
          {t('check.submit')}
        </Button>
        <Button variant="secondary" block icon="left" onClick={onBack}>
          {t('check.prev')}
        </Button>
      </div>
    </section>
  );
}
