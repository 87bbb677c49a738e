/**
 * Splits a Telegram HTML message into parts that Telegram accepts (at most 4096 characters each).
 *
 * Telegram counts the limit after parsing entities; we count the raw HTML (UTF-16 code units),
 * which is never shorter, so every part is safe. Cuts are made, in order of preference, at line
 * breaks, then after whitespace, then between characters (grapheme clusters: an emoji is never
 * halved). A cut never falls inside a tag (`<…>`) or an entity (`&…;`). Tags open at a cut are
 * closed at the end of the part and reopened (with their attributes) at the start of the next,
 * so each part is well-formed on its own. When there are several parts, each starts with a
 * marker line such as `(1/3)`.
 */

export const TELEGRAM_TEXT_LIMIT = 4096;

type Atom = { kind: 'text'; text: string } | { kind: 'open'; text: string; name: string } | { kind: 'close'; text: string; name: string };

interface OpenTag {
  name: string;
  text: string;
}

const TOKEN_RE = /<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Rough grapheme clusters (base + marks, ZWJ sequences, skin tones, flags), for very long runs only. */
const ROUGH_GRAPHEME = /\p{RI}{2}|\P{M}(?:[\p{M}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]|\u200d\P{M}?)*|[\s\S]/gu;
const isPrintableAscii = (c: string | undefined) => c !== undefined && c >= ' ' && c <= '~';

/**
 * Grapheme clusters of `text`. Intl.Segmenter is slow on long strings in V8 (time grows with the
 * square of the length), so it only sees the stretches between two printable ASCII characters,
 * which are always a cluster boundary; a stretch over 1000 characters uses ROUGH_GRAPHEME.
 */
function graphemesOf(text: string, out: string[]): void {
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && !(isPrintableAscii(text[i - 1]) && isPrintableAscii(text[i]))) continue;
    const piece = text.slice(start, i);
    start = i;
    if (piece.length === 1) out.push(piece);
    else if (piece.length > 1000) for (const m of piece.matchAll(ROUGH_GRAPHEME)) out.push(m[0]);
    else for (const { segment } of segmenter.segment(piece)) out.push(segment);
  }
}

/** Tags, entities and single grapheme clusters: the pieces a cut may fall between. */
function atomsOf(html: string): Atom[] {
  const atoms: Atom[] = [];
  const pushText = (text: string) => {
    const graphemes: string[] = [];
    graphemesOf(text, graphemes);
    for (const grapheme of graphemes) atoms.push({ kind: 'text', text: grapheme });
  };
  let last = 0;
  for (const m of html.matchAll(TOKEN_RE)) {
    pushText(html.slice(last, m.index));
    const token = m[0];
    if (token.startsWith('<')) {
      const name = m[1]!.toLowerCase();
      atoms.push(token.startsWith('</') ? { kind: 'close', text: token, name } : { kind: 'open', text: token, name });
    } else {
      atoms.push({ kind: 'text', text: token });
    }
    last = m.index + token.length;
  }
  pushText(html.slice(last));
  return atoms;
}

/** Words: runs of atoms ending after whitespace, so joining them gives the line back exactly. */
function wordsOf(atoms: readonly Atom[]): Atom[][] {
  const words: Atom[][] = [];
  let word: Atom[] = [];
  for (const atom of atoms) {
    word.push(atom);
    if (atom.kind === 'text' && /^\s+$/.test(atom.text)) {
      words.push(word);
      word = [];
    }
  }
  if (word.length > 0) words.push(word);
  return words;
}

/**
 * Cut points between atoms: opening tags stay with what follows them and closing tags with what
 * precedes them, so a cut never leaves an empty `<b></b>` at either side.
 */
function glue(atoms: readonly Atom[]): Atom[][] {
  const groups: Atom[][] = [];
  let pending: Atom[] = [];
  for (const atom of atoms) {
    if (atom.kind === 'open') pending.push(atom);
    else if (atom.kind === 'close' && pending.length === 0 && groups.length > 0) groups[groups.length - 1]!.push(atom);
    else {
      pending.push(atom);
      if (atom.kind === 'text') {
        groups.push(pending);
        pending = [];
      }
    }
  }
  if (pending.length > 0) groups.push(pending);
  return groups;
}

const closers = (stack: readonly OpenTag[]) =>
  stack
    .slice()
    .reverse()
    .map((t) => `</${t.name}>`)
    .join('');
const closersLength = (stack: readonly OpenTag[]) => stack.reduce((n, t) => n + t.name.length + 3, 0);

function applyTags(stack: readonly OpenTag[], atoms: readonly Atom[]): OpenTag[] {
  const next = stack.slice();
  for (const atom of atoms) {
    if (atom.kind === 'open') next.push({ name: atom.name, text: atom.text });
    else if (atom.kind === 'close') {
      const at = next.map((t) => t.name).lastIndexOf(atom.name);
      if (at >= 0) next.splice(at, 1);
    }
  }
  return next;
}

/** Greedy packing of the message into parts of at most `budget` characters (markers not included). */
function pack(html: string, budget: number): string[] {
  const parts: string[] = [];
  let stack: OpenTag[] = []; // tags open at the current end of `body`
  let body = ''; // current part: reopened tags + content
  let hasContent = false; // does `body` hold more than the reopened tags?

  // Blank lines at the end of a part are noise (Telegram would trim them anyway).
  const finish = () => body.replace(/\n\s*$/, '') + closers(stack);
  const flush = () => {
    parts.push(finish());
    body = stack.map((t) => t.text).join('');
    hasContent = false;
  };

  /** Appends `atoms` (after `prefix`) if the part, with the closers it would then need, still fits. */
  const tryAppend = (prefix: string, atoms: readonly Atom[]): boolean => {
    const text = atoms.map((a) => a.text).join('');
    const after = applyTags(stack, atoms);
    if (body.length + prefix.length + text.length + closersLength(after) > budget) return false;
    body += prefix + text;
    stack = after;
    hasContent = true;
    return true;
  };

  /**
   * Adds a line (joined to the previous one by a line break), a word or a single atom. What does
   * not fit goes to a fresh part; what does not fit in a fresh part either is cut one level finer.
   * The line break where a part ends is dropped: the part boundary replaces it.
   */
  const add = (atoms: readonly Atom[], level: 'line' | 'word' | 'atom'): void => {
    if (tryAppend(level === 'line' && hasContent ? '\n' : '', atoms)) return;
    if (hasContent) {
      flush();
      if (tryAppend('', atoms)) return;
    }
    if (level === 'line') for (const word of wordsOf(atoms)) add(word, 'word');
    else if (level === 'word') for (const group of glue(atoms)) add(group, 'atom');
    else throw new RangeError(`splitMessage: "${atoms[0]?.text.slice(0, 40)}…" alone does not fit in ${budget} characters`);
  };

  for (const line of html.split('\n')) {
    const atoms = atomsOf(line);
    // Blank lines at the top of a part are noise too.
    if (!hasContent && atoms.every((a) => a.kind === 'text' && /^\s*$/.test(a.text))) continue;
    add(atoms, 'line');
  }
  if (hasContent || parts.length === 0) parts.push(finish());
  return parts;
}

const marker = (index: number, count: number) => `(${index}/${count})\n`;

/**
 * Parts of `html`, each at most `limit` characters, marker included. A message that fits is
 * returned unchanged as the only part.
 */
export function splitMessage(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (html.length <= limit) return [html];
  // The marker's length depends on the number of parts; repeat until the count is stable.
  let count = 2;
  for (;;) {
    const reserve = marker(count, count).length;
    if (reserve >= limit) throw new RangeError(`splitMessage: limit ${limit} is too small`);
    const parts = pack(html, limit - reserve);
    // A count with fewer digits than reserved for only makes the markers shorter.
    if (parts.length <= count) {
      return parts.map((part, i) => marker(i + 1, parts.length) + part);
    }
    count = parts.length;
  }
}
