import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import type { ChecklistEntry, Vehicle } from '../../api/types';
import { Button, ButtonLink } from '../../components/Button';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n';
import { useCurrentLocation } from '../../offline/location';
import { newQueuedReport } from '../../offline/queue-model';
import { deleteQueued } from '../../offline/queue-store';
import { submitThroughQueue } from '../../offline/sender';
import type { PickedPhoto } from '../../photos/PhotoPicker';
import { ChecklistItemField } from './ChecklistItemField';
import { groupSections, isComplete, parseOdometer } from './checklist-model';
import { clearDraft, draftKey, loadDraft, saveDraft, type Answer } from './draft';
import { ReviewStep } from './ReviewStep';
import { slotLabel } from './slots';
import { StepNav } from './StepNav';

interface Props {
  userId: number;
  vehicle: Vehicle;
  slot: number;
  items: ChecklistEntry[];
  slotAlreadyDone: boolean;
}

/** The checklist, one section per step, then a review step that submits. Every change is kept as a draft. */
export function ChecklistForm({ userId, vehicle, slot, items, slotAlreadyDone }: Props) {
  const { t, formatTime, detailText } = useI18n();
  const navigate = useNavigate();
  const key = draftKey(userId, vehicle.id, slot);
  const sections = useMemo(() => groupSections(items), [items]);
  const ordered = useMemo(() => sections.flatMap((s) => s.items), [sections]);

  const [restored] = useState(() => loadDraft(key));
  const [answers, setAnswers] = useState<Record<string, Answer>>(restored?.answers ?? {});
  const [odometer, setOdometer] = useState(restored?.odometer ?? '');
  const [step, setStep] = useState(() => Math.min(restored?.step ?? 0, sections.length));
  const [checkedSteps, setCheckedSteps] = useState<ReadonlySet<number>>(new Set());
  const [restoredNotice, setRestoredNotice] = useState(restored !== null && Object.keys(restored.answers).length > 0);
  const [confirmReset, setConfirmReset] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [odometerError, setOdometerError] = useState<string | null>(null);
  // Photos live only in memory until submitted (blobs do not fit the localStorage draft).
  const [photos, setPhotos] = useState<Record<number, PickedPhoto[]>>({});
  const location = useCurrentLocation();
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Autosave: every answer goes to the phone's storage at once.
  useEffect(() => {
    if (Object.keys(answers).length === 0 && odometer === '') return;
    saveDraft(key, { answers, odometer, step, savedAt: Date.now() });
  }, [key, answers, odometer, step]);

  // A new step: show it from its top and move focus to its heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setRestoredNotice(false);
    stepHeading.current?.focus({ preventScroll: true });
    stepHeading.current?.closest('.check-form')?.scrollIntoView({ block: 'start' });
  }, [step]);

  const onChange = useCallback((itemId: number, answer: Answer) => setAnswers((current) => ({ ...current, [itemId]: answer })), []);
  const onPhotos = useCallback((itemId: number, picked: PickedPhoto[]) => setPhotos((current) => ({ ...current, [itemId]: picked })), []);

  const done = ordered.filter((item) => isComplete(answers[item.id])).length;
  const section = sections[step];
  const sectionProblems = section ? section.items.filter((item) => !isComplete(answers[item.id])) : [];

  // Problems the server found in the submitted answers: details[i].keterangan → the i-th item sent.
  const serverProblems = useMemo(() => {
    const map = new Map<number, string>();
    if (!isApiError(submitError)) return map;
    for (const detail of submitError.details) {
      const match = /^details\[(\d+)\]/.exec(detail.field);
      const item = match ? ordered[Number(match[1])] : undefined;
      if (item) map.set(item.id, detailText(detail));
    }
    return map;
  }, [submitError, ordered, detailText]);

  const focusItem = (itemId: number) => {
    const field = document.getElementById(`item-${itemId}`);
    field?.scrollIntoView({ block: 'center' });
    field?.querySelector<HTMLElement>('textarea, input:checked, input')?.focus({ preventScroll: true });
  };

  const markChecked = (...steps: number[]) => setCheckedSteps((current) => new Set([...current, ...steps]));

  const next = () => {
    if (sectionProblems.length > 0) {
      markChecked(step);
      focusItem(sectionProblems[0]!.id);
      return;
    }
    setStep(step + 1);
  };

  const markRestNormal = () => {
    if (!section) return;
    setAnswers((current) => {
      const updated = { ...current };
      for (const item of section.items) if (!updated[item.id]?.status) updated[item.id] = { status: 'normal', remark: '' };
      return updated;
    });
  };

  const reset = () => {
    clearDraft(key);
    setAnswers({});
    setOdometer('');
    setCheckedSteps(new Set());
    setRestoredNotice(false);
    setConfirmReset(false);
    setSubmitError(null);
    setStep(0);
  };

  const submit = async () => {
    const incomplete = ordered.filter((item) => !isComplete(answers[item.id]));
    if (incomplete.length > 0) {
      markChecked(...sections.map((_, i) => i));
      return;
    }
    const odometerValue = parseOdometer(odometer);
    setOdometerError(odometerValue === undefined ? t('check.odometerInvalid') : null);
    if (odometerValue === undefined) return;
    setSubmitting(true);
    setSubmitError(null);
    // Every report goes through the phone's queue, online or not: one path, and a report filed without
    // signal is sent by itself later. Its id makes a resend whose answer was lost harmless.
    const record = newQueuedReport({
      id: crypto.randomUUID(),
      userId,
      now: new Date(),
      label: `${vehicle.unit_code} · ${slotLabel(t, vehicle.shift_type, slot)}`,
      body: {
        vehicle_id: vehicle.id,
        shift_number: slot,
        odometer: odometerValue,
        details: ordered.map((item) => {
          const answer = answers[item.id]!;
          return { checklist_item_id: item.id, status: answer.status!, keterangan: answer.status === 'normal' ? null : answer.remark.trim() };
        }),
        ...(location ? { location } : {}),
      },
      photos: ordered.flatMap((item) =>
        answers[item.id]?.status === 'normal' ? [] : (photos[item.id] ?? []).map((p) => ({ checklist_item_id: item.id, blob: p.blob })),
      ),
    });
    try {
      const result = await submitThroughQueue(record);
      if (result.report) {
        clearDraft(key);
        navigate(`/reports/${result.report.id}/result`, { replace: true, state: { report: result.report } });
        return;
      }
      if (result.record.state === 'rejected') {
        // Refused right away: the driver is still here, so the form shows why and they fix it; a new try gets a new id.
        await deleteQueued(record.client_submission_id);
        throw result.error;
      }
      // Waiting for signal (or for a new login): the queue has it, the draft is done.
      clearDraft(key);
      navigate('/history', { replace: true, state: { queued: true } });
    } catch (error) {
      setSubmitError(error);
      markChecked(...sections.map((_, i) => i));
      setSubmitting(false);
    }
  };

  return (
    <div className="check-form">
      <StepNav sections={sections} answers={answers} step={step} done={done} total={ordered.length} onGoTo={setStep} />
      {slotAlreadyDone && (
        <Notice tone="warning" action={<ButtonLink to="/units" variant="secondary">{t('check.pickOther')}</ButtonLink>}>
          {t('check.slotDone', { slot: slotLabel(t, vehicle.shift_type, slot) })}
        </Notice>
      )}
      {restoredNotice && restored && (
        <Notice tone="info" action={<button type="button" className="link-button" onClick={() => setConfirmReset(true)}>{t('check.startOver')}</button>}>
          {t('check.draftRestored', { time: formatTime(new Date(restored.savedAt)) })}
        </Notice>
      )}
      {confirmReset && (
        <Notice
          tone="warning"
          action={
            <div className="button-row">
              <Button variant="danger" onClick={reset}>
                {t('check.startOverYes')}
              </Button>
              <Button variant="ghost" onClick={() => setConfirmReset(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          }
        >
          {t('check.startOverConfirm')}
        </Notice>
      )}

      {section ? (
        <section className="check-step" aria-labelledby="step-title">
          <h2 id="step-title" ref={stepHeading} tabIndex={-1}>
            {section.name}
          </h2>
          {checkedSteps.has(step) && sectionProblems.length > 0 && <Notice tone="warning">{t('check.fixSection', { n: sectionProblems.length })}</Notice>}
          <Button variant="secondary" block icon="check" onClick={markRestNormal}>
            {t('check.allNormal')}
          </Button>
          {section.items.map((item) => (
            <ChecklistItemField
              key={item.id}
              item={item}
              vehicle={vehicle}
              answer={answers[item.id]}
              showProblems={checkedSteps.has(step)}
              serverProblem={serverProblems.get(item.id)}
              onChange={onChange}
              photos={photos[item.id]}
              onPhotos={onPhotos}
            />
          ))}
          <div className="step-buttons">
            {step > 0 && (
              <Button variant="secondary" icon="left" onClick={() => setStep(step - 1)}>
                {t('check.prev')}
              </Button>
            )}
            <Button iconAfter="right" onClick={next}>
              {step === sections.length - 1 ? t('check.review') : t('check.next')}
            </Button>
          </div>
        </section>
      ) : (
        <ReviewStep
          headingRef={stepHeading}
          sections={sections}
          answers={answers}
          odometer={odometer}
          onOdometer={setOdometer}
          odometerError={odometerError}
          onGoTo={setStep}
          onBack={() => setStep(sections.length - 1)}
          onSubmit={submit}
          submitting={submitting}
          submitError={submitError}
        />
      )}
      <p className="muted small draft-note">
        {t('check.draftSaved')}{' '}
        {!confirmReset && (
          <button type="button" className="link-button" onClick={() => setConfirmReset(true)}>
            {t('check.startOver')}
          </button>
        )}
      </p>
    </div>
  );
}
