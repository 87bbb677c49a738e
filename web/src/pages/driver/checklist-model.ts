import type { ChecklistEntry, P2hStatus } from '../../api/types';
import type { Answer } from './draft';

export interface Section {
  name: string;
  items: ChecklistEntry[];
}

/** Sections in the order of their first item, items in checklist order. */
export function groupSections(items: ChecklistEntry[]): Section[] {
  const sections = new Map<string, ChecklistEntry[]>();
  for (const item of [...items].sort((a, b) => a.order - b.order || a.id - b.id)) {
    const list = sections.get(item.section) ?? [];
    list.push(item);
    sections.set(item.section, list);
  }
  return [...sections].map(([name, list]) => ({ name, items: list }));
}

export type ItemProblem = 'choose' | 'remark';

/** What is still missing for one item, if anything. */
export function itemProblem(answer: Answer | undefined): ItemProblem | null {
  if (!answer?.status) return 'choose';
  if (answer.status !== 'normal' && answer.remark.trim() === '') return 'remark';
  return null;
}

export function isComplete(answer: Answer | undefined): boolean {
  return itemProblem(answer) === null;
}

/** The overall status the server will compute: any abnormal → abnormal; else any warning → warning. */
export function expectedStatus(answers: Record<string, Answer>, items: ChecklistEntry[]): P2hStatus {
  const statuses = items.map((item) => answers[item.id]?.status);
  if (statuses.includes('abnormal')) return 'abnormal';
  if (statuses.includes('warning')) return 'warning';
  return 'normal';
}

/** "12345", "12.345,5" or "12345.5" → a number, "" → null, anything else → undefined (invalid). */
export function parseOdometer(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return null;
  const normalised = /,\d{1,2}$/.test(trimmed) ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed.replace(/[.,](?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return undefined;
  const value = Number(normalised);
  return value >= 0 && value <= 99_999_999 ? value : undefined;
}
