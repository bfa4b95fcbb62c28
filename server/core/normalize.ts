// Owns text normalization for matching (width, Traditional → Simplified, case); imports only its data table.
import { T2S_PAIRS } from './t2s-table.js';

const T2S = new Map<string, string>();
for (const pair of T2S_PAIRS) {
  const [from, ...rest] = Array.from(pair);
  if (from) T2S.set(from, rest.join(''));
}

/** Normalized text plus, for each UTF-16 unit of `text`, the index of the source unit it came from. */
export interface NormalizedText {
  text: string;
  /** `offsets[i]` is the index in the source string of normalized unit `i`; `offsets[text.length]` is the source length. */
  offsets: number[];
}

const cache = new Map<string, string>();

/**
 * Normalizes one code point for matching.
 *
 * @remarks NFKC folds full-width Latin, digits and punctuation to ASCII, compatibility ideographs and Kangxi radicals
 * to unified ideographs, and circled numbers to digits; then Traditional characters map to Simplified (OpenCC's
 * character table) and Latin letters fold to lower case. Line breaks and other white space collapse to one space.
 */
function normalizeCodePoint(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = ch.normalize('NFKC');
  if (/^\s+$/u.test(out)) out = ' ';
  let mapped = '';
  for (const c of out) mapped += T2S.get(c) ?? c;
  mapped = mapped.toLowerCase();
  cache.set(ch, mapped);
  return mapped;
}

/**
 * Normalizes text for matching and keeps a map back to the source offsets, so that a match found in normalized
 * text can be highlighted in the verbatim passage.
 */
export function normalizeWithOffsets(source: string): NormalizedText {
  let text = '';
  const offsets: number[] = [];
  let index = 0;
  for (const ch of source) {
    const mapped = normalizeCodePoint(ch);
    for (let k = 0; k < mapped.length; k++) offsets.push(index);
    text += mapped;
    index += ch.length;
  }
  offsets.push(index);
  return { text, offsets };
}

/** Normalizes text for matching: the same folding as {@link normalizeWithOffsets}, without the offset map. */
export function normalizeText(source: string): string {
  let text = '';
  for (const ch of source) text += normalizeCodePoint(ch);
  return text;
}

/** Replaces lone UTF-16 surrogates (invalid text from a broken client) with U+FFFD so later stages see valid text. */
export function toWellFormed(source: string): string {
  return source.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
