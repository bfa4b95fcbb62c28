// Owns the safe shaping of server text for display: highlight spans and the only links the widget renders;
// pure, imports only contract types.
import type { Highlight } from '../../server/contract.js';

/** A run of answer text, marked when it matched the question. */
export interface TextSegment {
  text: string;
  mark: boolean;
}

/**
 * Cuts `text` into plain and marked runs. Highlights are UTF-16 offsets with `end` exclusive; they may come in any
 * order and overlap (overlaps merge), and ones outside the text or malformed are clipped or dropped, so a bad
 * response can never hide or repeat text: the runs always join back to `text`.
 */
export function splitHighlights(text: string, highlights: readonly Highlight[] | undefined): TextSegment[] {
  // Which UTF-16 units a span covers, then the runs of units marked alike: overlaps and clipping come for free.
  const marked: boolean[] = [];
  for (const h of Array.isArray(highlights) ? highlights : []) {
    if (!h || !Number.isInteger(h.start) || !Number.isInteger(h.end)) continue;
    for (let i = Math.max(0, h.start); i < Math.min(text.length, h.end); i++) marked[i] = true;
  }
  const segments: TextSegment[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = marked[i] === true;
    const last = segments[segments.length - 1];
    if (last?.mark === mark) last.text += text[i];
    else segments.push({ text: text[i]!, mark });
  }
  return segments;
}

/**
 * The link target for a URL from the server, resolved against the robot's endpoint; null (show as plain text)
 * unless it is http: or https:, so `javascript:`, `data:` and the like are never rendered as links.
 */
export function safeHref(url: unknown, endpoint: string): string | null {
  if (typeof url !== 'string' || !url.trim()) return null;
  try {
    const resolved = new URL(url, endpoint + '/');
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/** A `tel:` target for a phone number made only of digits and separators; null otherwise. */
export function telHref(phone: unknown): string | null {
  if (typeof phone !== 'string' || !/^\+?[\d\s()-]{3,30}$/.test(phone.trim())) return null;
  return 'tel:' + phone.replace(/[^\d+]/g, '');
}

/** A piece of answer text: plain, a figure the question asked for (emphasised), or a phone number (a `tel:` link). */
export interface FigureSegment {
  text: string;
  kind: 'plain' | 'figure' | 'phone';
}

// Phone numbers in the forms that cannot be counts: area code with a dash, mobile numbers, 5-digit service lines.
// Built at run time: Safari before 16.4 has no lookbehind, and a literal would stop the whole panel from parsing
// there; it gets the same pattern without the check for a digit in front.
const PHONE_SOURCE = '0\\d{2,3}[-－]\\d{7,8}|(?<!\\d)1[3-9]\\d{9}(?!\\d)|(?<!\\d)123\\d{2}(?!\\d)';
let PHONE: RegExp;
try {
  PHONE = new RegExp(PHONE_SOURCE);
} catch {
  PHONE = new RegExp(PHONE_SOURCE.split('(?<!\\d)').join(''));
}
// A count with its unit (「80件」「12.5万元」「95%」「23000余条」「15个工作日」): what a 多少 question asks for; a
// longer unit before the one it starts with.
const FIGURE = /\d+(?:[.,]\d+)*\s*[余多]?\s*(?:万元|亿元|人次|%|件|个工作日|个|条|人|次|元|项|份|篇|家|户|天|小时)/;

/**
 * Splits text into plain runs, phone numbers (always) and, when the question asks for a number, the counts in it.
 *
 * @remarks Highlights mark the question's words; this marks what was asked for, so a citizen sees the figure first.
 */
export function splitFigures(text: string, askedForNumber: boolean, phones: readonly string[] = []): FigureSegment[] {
  // The answer's own contact numbers (any form) first: the server says they are phones.
  const known = phones.filter((p) => /\d{3}/.test(p)).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const sources = [...known, PHONE.source, ...(askedForNumber ? [FIGURE.source] : [])];
  // One capturing group (the patterns have none of their own): split gives plain, found, plain, found… plain.
  return text.split(new RegExp(`(${sources.join('|')})`)).flatMap((part, i): FigureSegment[] =>
    !part ? [] : [{ text: part, kind: i % 2 === 0 ? 'plain' : PHONE.test(part) || phones.includes(part) ? 'phone' : 'figure' }],
  );
}

/** The canonical 查询码 in what a citizen typed in the question box (`7kq2 m9xd 4htr`), or null when it is a question. */
export function readLookupCode(text: string): string | null {
  const code = text.normalize('NFKC').toUpperCase().replace(/[\s\-_.]/g, '');
  return /^[2-9A-HJKMNP-Z]{12}$/.test(code) ? code.match(/.{4}/g)!.join('-') : null;
}
