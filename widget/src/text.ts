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
  const spans = (Array.isArray(highlights) ? highlights : [])
    .filter((h) => h && Number.isInteger(h.start) && Number.isInteger(h.end))
    .map((h) => [Math.max(0, h.start), Math.min(text.length, h.end)] as [number, number])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) segments.push({ text: text.slice(at, from), mark: false });
    const last = segments[segments.length - 1];
    if (last?.mark && from === at) last.text += text.slice(from, end);
    else segments.push({ text: text.slice(from, end), mark: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: false });
  return segments;
}

/**
 * The link target for a URL from the server, resolved against the robot's endpoint; null (show as plain text)
 * unless it is http: or https:, so `javascript:`, `data:` and the like are never rendered as links.
 */
export function safeHref(url: unknown, endpoint: string): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
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
