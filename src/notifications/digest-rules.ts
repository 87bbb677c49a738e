/**
 * The expiry digest's rules: which documents a day's digest lists, in which group, and how its text
 * is cut into Telegram messages. Pure functions over `YYYY-MM-DD` strings and lines of text.
 */
import type { ExpiringDocument } from '../vehicles/documents.js';
import { daysBetween, dueExpiryAlert } from './expiry-rules.js';
import { TELEGRAM_TEXT_LIMIT } from './split.js';

/** The digest's groups, most urgent first: expired, then expiring within 3, 7, 14 and 30 days. */
export const DIGEST_GROUPS = ['expired', 'within3', 'within7', 'within14', 'within30'] as const;
export type DigestGroup = (typeof DIGEST_GROUPS)[number];

export interface DigestEntry {
  document: ExpiringDocument;
  /** Calendar days from today to the expiry date: 0 on the day, negative once expired. */
  daysLeft: number;
  group: DigestGroup;
}

/** A document's group by days left; undefined further than 30 days out. Expiring today counts as ≤ 3 days. */
export function digestGroupOf(daysLeft: number): DigestGroup | undefined {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= 3) return 'within3';
  if (daysLeft <= 7) return 'within7';
  if (daysLeft <= 14) return 'within14';
  if (daysLeft <= 30) return 'within30';
  return undefined;
}

/**
 * The documents a digest lists on `today`: every expired one, and every one that reached a threshold
 * (30, 14, 7, 3, 1, 0 days) since `previousDigestDay` — the last day a digest was queued. Counting from
 * that day rather than from yesterday is the catch-up: a threshold passed while the system was down
 * is listed in the next digest. Without a previous digest everything within 30 days is listed once.
 * Ordered by group (most urgent first), then soonest expiry, unit code and document type.
 */
export function digestEntries(documents: readonly ExpiringDocument[], today: string, previousDigestDay?: string): DigestEntry[] {
  const entries: DigestEntry[] = [];
  for (const document of documents) {
    const daysLeft = daysBetween(today, document.expiry_date);
    const group = digestGroupOf(daysLeft);
    if (!group) continue;
    if (group !== 'expired' && previousDigestDay !== undefined && previousDigestDay < today) {
      const slotThen = dueExpiryAlert(document.expiry_date, previousDigestDay)?.key;
      if (slotThen === dueExpiryAlert(document.expiry_date, today)?.key) continue;
    }
    entries.push({ document, daysLeft, group });
  }
  const rank = (g: DigestGroup) => DIGEST_GROUPS.indexOf(g);
  return entries.sort(
    (a, b) =>
      rank(a.group) - rank(b.group) ||
      a.document.expiry_date.localeCompare(b.document.expiry_date) ||
      a.document.unit_code.localeCompare(b.document.unit_code) ||
      a.document.document_type.localeCompare(b.document.document_type),
  );
}

/** A titled run of lines; `continued` is its heading repeated at the top of a following part. */
export interface TextSection {
  heading: string | null;
  continued?: string;
  lines: string[];
}

/**
 * Packs a title and sections into messages of at most `limit` characters, cutting only between
 * lines, as few messages as the text needs (greedy: each part takes lines until the next would not
 * fit). With more than one part the title carries a ` (i/n)` marker, and a section cut across parts
 * repeats its heading (`continued`) at the top of the next one. Throws when a single line, with its
 * heading and the title, cannot fit in a message on its own.
 */
export function packSections(title: string, sections: readonly TextSection[], limit = TELEGRAM_TEXT_LIMIT): string[] {
  let parts = packWithMarker(title, sections, limit, 0);
  if (parts.length === 1) return [`${title}\n${parts[0]}`];
  // The marker's width depends on the number of parts; repeat until the count is stable.
  for (;;) {
    const count = parts.length;
    parts = packWithMarker(title, sections, limit, marker(count, count).length);
    if (parts.length <= count) return parts.map((body, i) => `${title}${marker(i + 1, parts.length)}\n${body}`);
  }
}

const marker = (index: number, count: number) => ` (${index}/${count})`;

/** Bodies of parts, each fitting after the title, a marker `markerWidth` long and a line break. */
function packWithMarker(title: string, sections: readonly TextSection[], limit: number, markerWidth: number): string[] {
  const budget = limit - title.length - markerWidth - 1;
  const parts: string[] = [];
  let body = '';
  const append = (line: string) => {
    body = body === '' ? line : `${body}\n${line}`;
    if (body.length > budget) throw new RangeError(`packSections: a line does not fit in a ${limit}-character message`);
  };
  const fits = (extra: string) => (body === '' ? extra.length : body.length + 1 + extra.length) <= budget;
  for (const section of sections) {
    if (section.heading !== null) {
      // A heading never ends a part: it moves to the next part together with its first line.
      const first = section.lines[0];
      const opening = first === undefined ? section.heading : `${section.heading}\n${first}`;
      if (!fits(`\n${opening}`) && body !== '') {
        parts.push(body);
        body = '';
      }
      append(body === '' ? opening : `\n${opening}`);
    } else if (section.lines[0] !== undefined) {
      if (!fits(section.lines[0]) && body !== '') {
        parts.push(body);
        body = '';
      }
      append(section.lines[0]);
    }
    for (const line of section.lines.slice(1)) {
      if (!fits(line)) {
        parts.push(body);
        body = section.heading !== null ? (section.continued ?? section.heading) : '';
      }
      append(line);
    }
  }
  if (body !== '' || parts.length === 0) parts.push(body);
  return parts;
}
