import type { ApplicableItem } from '../checklist/api-schemas.js';
import type { ErrorDetail } from '../lib/errors.js';
import type { SubmitInput } from './api-schemas.js';
import type { P2hStatus } from './values.js';

export type AnswerInput = SubmitInput['details'][number];

export interface CheckedAnswer {
  item: ApplicableItem;
  status: P2hStatus;
  keterangan: string | null;
}

/**
 * Checks a submission against the items that apply to the unit: each answered exactly once,
 * nothing else answered, and a remark for every item that is not normal. Returns the answers in
 * checklist order, or every problem found.
 */
export function checkAnswers(
  items: ApplicableItem[],
  answers: AnswerInput[],
): { ok: true; answers: CheckedAnswer[] } | { ok: false; problems: ErrorDetail[] } {
  const byId = new Map(items.map((item) => [item.id, item]));
  const given = new Map<number, CheckedAnswer>();
  const problems: ErrorDetail[] = [];

  answers.forEach((answer, index) => {
    const field = `details[${index}]`;
    const item = byId.get(answer.checklist_item_id);
    if (!item) {
      problems.push({
        field: `${field}.checklist_item_id`,
        code: 'item_not_applicable',
        message: `Item ${answer.checklist_item_id} tidak berlaku untuk unit ini`,
      });
      return;
    }
    if (given.has(item.id)) {
      problems.push({ field: `${field}.checklist_item_id`, code: 'duplicate_answer', message: `Item "${item.item_name}" dijawab lebih dari sekali` });
      return;
    }
    const keterangan = answer.keterangan?.trim() || null;
    if (answer.status !== 'normal' && !keterangan) {
      problems.push({ field: `${field}.keterangan`, code: 'remark_required', message: `Keterangan wajib diisi untuk "${item.item_name}" (${answer.status})` });
    }
    given.set(item.id, { item, status: answer.status, keterangan });
  });

  for (const item of items) {
    if (!given.has(item.id)) {
      problems.push({ field: 'details', code: 'missing_answer', message: `Item "${item.item_name}" (id ${item.id}) belum dijawab` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, answers: items.map((item) => given.get(item.id)!) };
}
