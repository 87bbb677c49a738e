/**
 * Validation of formatted message text, modelled on TDLib's parsers so that
 * the fake rejects what Telegram rejects ("can't parse entities: ...").
 */
import type { MessageEntity } from 'grammy/types';
import { badRequest, type ApiError } from './types.js';

export interface ParsedText {
  /** Text as the user sees it (tags removed, entities decoded). */
  text: string;
  entities: MessageEntity[];
}

const parseError = (what: string): ApiError => badRequest(`can't parse entities: ${what}`);

const HTML_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del',
  'code', 'pre', 'tg-spoiler', 'span', 'blockquote', 'tg-emoji',
]);

const SIMPLE_TYPES: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough',
  'tg-spoiler': 'spoiler', span: 'spoiler', code: 'code', pre: 'pre',
};

const ENTITY_RE = /^&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Decodes an HTML entity at `i`, or returns undefined when there is none. */
function decodeEntity(s: string, i: number): { value: string; length: number } | undefined {
  const m = ENTITY_RE.exec(s.slice(i, i + 12));
  if (!m) return undefined;
  const code = m[1] !== undefined ? undefined : m[2] !== undefined ? Number(m[2]) : parseInt(m[3] ?? '', 16);
  if (code !== undefined && (code > 0x10ffff || code === 0)) return undefined;
  const value = m[1] !== undefined ? (NAMED[m[1]] ?? '') : String.fromCodePoint(code ?? 0);
  return { value, length: m[0].length };
}

interface OpenTag {
  tag: string;
  start: number;
  attrs: Record<string, string>;
  expandable: boolean;
}

/** Parses Telegram HTML; throws ApiError(400) like Telegram on malformed markup. */
export function parseHtml(input: string, strictAmpersand = true): ParsedText {
  const byteOffset = (k: number): number => Buffer.byteLength(input.slice(0, k), 'utf8');
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  const n = input.length;
  let out = '';
  let i = 0;
  while (i < n) {
    const c = input[i] as string;
    if (c === '&') {
      const ent = decodeEntity(input, i);
      if (ent) {
        out += ent.value;
        i += ent.length;
        continue;
      }
      if (strictAmpersand) {
        throw parseError(`Unescaped "&" at byte offset ${byteOffset(i)} (fake-telegram strict check: escape it as &amp;)`);
      }
      out += c;
      i++;
      continue;
    }
    if (c !== '<') {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    if (input[i + 1] === '/') {
      const close = input.indexOf('>', i);
      if (close < 0) throw parseError(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
      const name = input.slice(i + 2, close).trim().toLowerCase();
      const top = stack.pop();
      if (!top) throw parseError(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
      if (top.tag !== name) {
        throw parseError(`Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${top.tag}>", found "</${name}>"`);
      }
      i = close + 1;
      addEntity(entities, top, out.length, stack);
      continue;
    }
    i++;
    let j = i;
    while (j < n && !/[\s>]/.test(input[j] as string)) j++;
    if (j >= n) throw parseError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
    const tag = input.slice(i, j).toLowerCase();
    if (!HTML_TAGS.has(tag)) throw parseError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(begin)}`);
    i = j;
    const open: OpenTag = { tag, start: out.length, attrs: {}, expandable: false };
    for (;;) {
      while (i < n && /\s/.test(input[i] as string)) i++;
      if (i >= n) throw parseError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      if (input[i] === '>') {
        i++;
        break;
      }
      let k = i;
      while (k < n && !/[\s=>]/.test(input[k] as string)) k++;
      const attr = input.slice(i, k).toLowerCase();
      if (attr === '') throw parseError(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(begin)}`);
      i = k;
      while (i < n && /\s/.test(input[i] as string)) i++;
      if (input[i] !== '=') {
        if (tag === 'blockquote' && attr === 'expandable') {
          open.expandable = true;
          continue;
        }
        throw parseError(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(begin)}`);
      }
      i++;
      while (i < n && /\s/.test(input[i] as string)) i++;
      let value = '';
      const q = input[i];
      if (q === '"' || q === "'") {
        const end = input.indexOf(q, i + 1);
        if (end < 0) throw parseError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        value = decodeAll(input.slice(i + 1, end));
        i = end + 1;
      } else {
        let e = i;
        while (e < n && !/[\s>]/.test(input[e] as string)) e++;
        value = decodeAll(input.slice(i, e));
        i = e;
      }
      open.attrs[attr] = value;
    }
    if (tag === 'span' && open.attrs['class'] !== 'tg-spoiler') {
      throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
    }
    if (tag === 'tg-emoji' && !/^\d+$/.test(open.attrs['emoji-id'] ?? '')) {
      throw parseError(`Custom emoji must have a valid "emoji-id" attribute at byte offset ${byteOffset(begin)}`);
    }
    stack.push(open);
  }
  const top = stack[stack.length - 1];
  if (top) throw parseError(`Can't find end tag corresponding to start tag "${top.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}

function decodeAll(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const ent = s[i] === '&' ? decodeEntity(s, i) : undefined;
    if (ent) {
      out += ent.value;
      i += ent.length;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

function addEntity(entities: MessageEntity[], open: OpenTag, end: number, stack: OpenTag[]): void {
  const offset = open.start;
  const length = end - offset;
  if (length <= 0) return;
  if (open.tag === 'a') {
    const url = open.attrs['href'];
    if (url) entities.push({ type: 'text_link', offset, length, url });
  } else if (open.tag === 'blockquote') {
    entities.push({ type: open.expandable ? 'expandable_blockquote' : 'blockquote', offset, length });
  } else if (open.tag === 'tg-emoji') {
    entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: open.attrs['emoji-id'] ?? '' });
  } else if (open.tag === 'code' && stack[stack.length - 1]?.tag === 'pre') {
    const lang = /^language-(.+)$/.exec(open.attrs['class'] ?? '')?.[1];
    if (lang) stack[stack.length - 1]!.attrs['data-language'] = lang;
    else entities.push({ type: 'code', offset, length });
  } else if (open.tag === 'pre') {
    const language = open.attrs['data-language'];
    entities.push(language ? { type: 'pre', offset, length, language } : { type: 'pre', offset, length });
  } else {
    const type = SIMPLE_TYPES[open.tag];
    if (type) entities.push({ type, offset, length } as MessageEntity);
  }
}

const MDV2_RESERVED = '_*[]()~`>#+-=|{}.!';

/**
 * Light MarkdownV2 check (TDLib rules): reserved characters must be escaped,
 * and formatting markers must be closed. Entities are not computed.
 */
export function parseMarkdownV2(input: string): ParsedText {
  const byteOffset = (k: number): number => Buffer.byteLength(input.slice(0, k), 'utf8');
  const stack: { marker: string; at: number }[] = [];
  let out = '';
  let i = 0;
  const inCode = (): boolean => stack.some((s) => s.marker === '`' || s.marker === '```');
  while (i < input.length) {
    const c = input[i] as string;
    if (c === '\\' && i + 1 < input.length) {
      out += input[i + 1];
      i += 2;
      continue;
    }
    if (inCode()) {
      const top = stack[stack.length - 1]!;
      if (input.startsWith(top.marker, i)) {
        stack.pop();
        i += top.marker.length;
      } else {
        out += c;
        i++;
      }
      continue;
    }
    if (!MDV2_RESERVED.includes(c)) {
      out += c;
      i++;
      continue;
    }
    const atLineStart = i === 0 || input[i - 1] === '\n';
    if (c === '>' && atLineStart) { i++; continue; }
    let marker = c;
    if (input.startsWith('```', i)) marker = '```';
    else if (input.startsWith('__', i)) marker = '__';
    else if (input.startsWith('||', i)) marker = '||';
    if (c === ']' && stack[stack.length - 1]?.marker === '[') {
      stack.pop();
      i++;
      if (input[i] === '(') {
        const end = input.indexOf(')', i);
        if (end < 0) throw parseError(`Can't find end of a URL at byte offset ${byteOffset(i)}`);
        i = end + 1;
      }
      continue;
    }
    if (!['*', '_', '__', '~', '||', '`', '```', '['].includes(marker)) {
      throw parseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    }
    const top = stack[stack.length - 1];
    if (top && top.marker === marker && marker !== '[') stack.pop();
    else stack.push({ marker, at: i });
    i += marker.length;
    if (marker === '```') while (i < input.length && input[i] !== '\n' && input[i] !== '`') i++;
  }
  const open = stack[stack.length - 1];
  if (open) throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(open.at)}`);
  return { text: out, entities: [] };
}

/** Parses `text` according to `parse_mode` (undefined = plain text). */
export function parseFormatted(text: string, parseMode: unknown, strictAmpersand: boolean): ParsedText {
  if (parseMode === undefined || parseMode === null || parseMode === '') return { text, entities: [] };
  const mode = String(parseMode).toLowerCase();
  if (mode === 'html') return parseHtml(text, strictAmpersand);
  if (mode === 'markdownv2') return parseMarkdownV2(text);
  if (mode === 'markdown') return { text, entities: [] };
  throw badRequest('unsupported parse_mode');
}
