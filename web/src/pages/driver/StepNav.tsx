import { useEffect, useRef } from 'react';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n';
import { isComplete, type Section } from './checklist-model';
import type { Answer } from './draft';

interface Props {
  sections: Section[];
  answers: Record<string, Answer>;
  step: number;
  done: number;
  total: number;
  onGoTo(step: number): void;
}

/** Progress (items answered) and the steps: one chip per section, then "review & submit". Stays on top while scrolling. */
export function StepNav({ sections, answers, step, done, total, onGoTo }: Props) {
  const { t } = useI18n();
  const current = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [step]);
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  const progressText = t('check.progress', { done, total });
  return (
    <div className="step-nav">
      <div className="progress-line">
        <span>{progressText}</span>
        {step < sections.length && <span>{t('check.section', { n: step + 1, total: sections.length })}</span>}
      </div>
      <div className="progress-bar" role="progressbar" aria-label={progressText} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <span style={{ width: `${percent}%` }} />
      </div>
      <nav aria-label={t('check.sections')}>
        <ol className="step-chips">
          {sections.map((section, index) => {
            const answered = section.items.filter((item) => isComplete(answers[item.id])).length;
            const complete = answered === section.items.length;
            return (
              <li key={section.name}>
                <button
                  type="button"
                  ref={index === step ? current : undefined}
                  className={`step-chip${complete ? ' step-chip-done' : ''}`}
                  aria-current={index === step ? 'step' : undefined}
                  onClick={() => onGoTo(index)}
                >
                  {complete && <Icon name="check" size={18} />}
                  <span>{section.name}</span>
                  <span className="step-count">
                    {answered}/{section.items.length}
                  </span>
                </button>
              </li>
            );
          })}
          <li>
            <button
              type="button"
              ref={step === sections.length ? current : undefined}
              className={`step-chip step-chip-review${done === total ? ' step-chip-done' : ''}`}
              aria-current={step === sections.length ? 'step' : undefined}
              onClick={() => onGoTo(sections.length)}
            >
              <Icon name="send" size={18} />
              <span>{t('check.review')}</span>
            </button>
          </li>
        </ol>
      </nav>
    </div>
  );
}
