import type { P2hStatus } from '../../api/types';

/** One answer being filled in: a status once chosen, and the remark (required unless normal). */
export interface Answer {
  status?: P2hStatus;
  remark: string;
}

/** A checklist in progress, kept on the phone so a reload, a dead battery or a lost signal loses nothing. */
export interface Draft {
  answers: Record<string, Answer>;
  odometer: string;
  step: number;
  /** epoch ms */
  savedAt: number;
}

const PREFIX = 'p2h.draft.v1:';
/** A draft belongs to one slot of one operational day: older than this, it is about another shift. */
const MAX_AGE_MS = 16 * 3600_000;

export function draftKey(userId: number, vehicleId: number, slot: number): string {
  return `${PREFIX}${userId}:${vehicleId}:${slot}`;
}

export function loadDraft(key: string, now = Date.now()): Draft | null {
  try {
    forgetStaleDrafts(now);
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    if (typeof draft.savedAt !== 'number' || typeof draft.answers !== 'object' || draft.answers === null) return null;
    return { answers: draft.answers, odometer: String(draft.odometer ?? ''), step: Number(draft.step) || 0, savedAt: draft.savedAt };
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // storage full or blocked: the form still works, only without the safety net
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}

function forgetStaleDrafts(now: number): void {
  for (let i = localStorage.length - 1; i >= 0; i -= 1) {
    const key = localStorage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const savedAt = (JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<Draft>).savedAt;
      if (typeof savedAt !== 'number' || now - savedAt > MAX_AGE_MS) localStorage.removeItem(key);
    } catch {
      localStorage.removeItem(key);
    }
  }
}
