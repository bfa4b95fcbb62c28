// Owns the segmentation dictionary (a sorted word-frequency table) and a pure-TypeScript port of cppjieba's
// search-mode cut without HMM, for runtimes that cannot load nodejieba; imports nothing from node:*, hono, nodejieba.
import type { SegmentedWord, Segmenter } from './tokenize.js';

/** The serialized dictionary's first line starts with this (v4: lines sorted by UTF-8 bytes, read as bytes). */
export const DICTIONARY_HEADER = '#qa-robot jieba dictionary v4';
const HEADER = DICTIONARY_HEADER;

/**
 * Part-of-speech tags (jieba's) of words that shape a sentence rather than name its topic: verbs, adjectives,
 * adverbs, pronouns, prepositions, conjunctions, particles, numerals, measure and time words.
 */
const FUNCTION_TAGS = /^(v|vd|vi|vq|vg|a|ad|ag|z|d|dg|df|r|rr|rz|rg|p|c|u\w*|y|e|o|m|mq|mg|q|t|tg|f|h|k)$/;

/** Word frequencies that drive jieba's maximum-probability route, and general-language word frequency. */
export interface JiebaDictionary {
  /** Frequency of a word (base dictionary, or user dictionary), or undefined when it is not a word. */
  frequency(word: string): number | undefined;
  /** True for a word jieba tags as a verb, adjective, adverb or function word (拨打, 出具); false for nouns and names. */
  isFunctionWord(word: string): boolean;
  /** True for a word jieba tags as a place name (襄阳, 栖霞): agency names start with one. */
  isPlaceName(word: string): boolean;
  /** Sum of all base-dictionary frequencies, as cppjieba computes it. */
  readonly freqSum: number;
  /** Weight of a single character that is not a word: log(lowest base frequency / freqSum). */
  readonly minWeight: number;
  /** Longest word, in code points. */
  readonly maxWordLength: number;
  /** Hash of the dictionary sources (base + user dictionaries); part of the segmenter id in index manifests. */
  readonly hash: string;
}

/**
 * Serializes the dictionary a corpus segments with, from cppjieba's `jieba.dict.utf8` and the corpus's user
 * dictionaries, exactly as cppjieba's DictTrie resolves them: user words without a frequency get the median base
 * frequency; a later entry replaces an earlier one; totals cover every base line.
 *
 * @param keep - which words the table keeps (the pipeline only segments runs of Han characters, so Han words).
 * @returns a header line, then `word freq` lines (`word freq ~` for function words, `word freq @` for place names)
 * sorted by code point (the order of their UTF-8 bytes), so lookups can binary-search the file's bytes.
 */
export function serializeJiebaDictionary(
  base: string,
  userDictionaries: string[],
  hash: string,
  keep: (word: string) => boolean = (w) => /^\p{Script=Han}+$/u.test(w),
): string {
  let freqSum = 0;
  const freqs: number[] = [];
  const words = new Map<string, number>();
  const functional = new Set<string>();
  const places = new Set<string>();
  for (const line of base.split('\n')) {
    const [word, freqText, tag] = line.split(' ');
    if (!word || freqText === undefined) continue;
    const freq = Number.parseFloat(freqText);
    freqSum += freq;
    freqs.push(freq);
    if (!keep(word)) continue;
    words.set(word, freq);
    if (tag && FUNCTION_TAGS.test(tag)) functional.add(word);
    else functional.delete(word);
    if (tag === 'ns') places.add(word);
    else places.delete(word);
  }
  const sorted = [...freqs].sort((a, b) => a - b);
  const minFreq = sorted[0] ?? 1;
  const medianFreq = sorted[Math.floor(sorted.length / 2)] ?? 1;
  for (const text of userDictionaries) {
    for (const raw of text.split('\n')) {
      const columns = raw.replace(/\r$/, '').split(' ');
      const word = columns[0];
      if (!word || !keep(word)) continue;
      if (columns.length === 3) words.set(word, Number.parseInt(columns[1] ?? '0', 10));
      else if (columns.length <= 2) words.set(word, medianFreq);
      else continue;
      const tag = columns.length === 3 ? columns[2] : columns[1];
      if (tag && FUNCTION_TAGS.test(tag)) functional.add(word);
      else functional.delete(word);
      if (tag === 'ns') places.add(word);
      else places.delete(word);
    }
  }
  let maxWordLength = 1;
  const lines: string[] = [];
  for (const word of [...words.keys()].sort(compareCodePoints)) {
    maxWordLength = Math.max(maxWordLength, Array.from(word).length);
    const mark = functional.has(word) ? ' ~' : places.has(word) ? ' @' : '';
    lines.push(`${word} ${words.get(word)}${mark}`);
  }
  return `${HEADER} hash=${hash} freqSum=${freqSum} minFreq=${minFreq} maxWordLength=${maxWordLength}\n${lines.join('\n')}\n`;
}

/** Orders strings by code point, as their UTF-8 bytes order (UTF-16 code units differ above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Loads a serialized dictionary for lookups without building a map or decoding it: it keeps the file's bytes and
 * binary-searches them line by line (nothing to prepare at load; about the file's size in memory). A string is
 * encoded first (the build passes the text it just wrote).
 *
 * @throws Error when the bytes are not a serialized dictionary of this version (names `npm run build:index`).
 */
export function loadJiebaDictionary(source: Uint8Array | string): JiebaDictionary {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  const newline = bytes.indexOf(NEWLINE);
  const header = new TextDecoder().decode(bytes.subarray(0, newline === -1 ? Math.min(bytes.length, 300) : newline));
  if (newline === -1 || !header.startsWith(`${HEADER} `)) {
    throw new Error('the segmentation dictionary is missing, corrupted or of an older version: run `npm run build:index` to rebuild it');
  }
  const field = (name: string) => /=(\S+)/.exec(header.slice(header.indexOf(` ${name}=`)))?.[1] ?? '';
  const freqSum = Number(field('freqSum'));
  const minFreq = Number(field('minFreq'));
  const maxWordLength = Number(field('maxWordLength'));
  const hash = field('hash');

  const bodyStart = newline + 1;
  const encoder = new TextEncoder();
  // A word longer than the longest one is not in the table; 4 bytes per code point at most.
  const key = new Uint8Array(maxWordLength * 4);
  const cache = new Map<string, { freq: number; functional: boolean; place: boolean } | null>();

  /** Compares the key's first `length` bytes with the bytes from `from` to `to` (the word of one line). */
  const compare = (length: number, from: number, to: number) => {
    const n = Math.min(length, to - from);
    for (let i = 0; i < n; i++) {
      const d = key[i]! - bytes[from + i]!;
      if (d !== 0) return d;
    }
    return length - (to - from);
  };

  /** The frequency and mark after a line's word: `freq`, `freq ~` (function word) or `freq @` (place name). */
  const readEntry = (from: number, to: number) => {
    let freq = '';
    let at = from;
    while (at < to && bytes[at] !== SPACE) freq += String.fromCharCode(bytes[at++]!);
    const mark = at + 1 < to ? bytes[at + 1] : undefined;
    return { freq: Number(freq), functional: mark === 0x7e, place: mark === 0x40 };
  };

  const search = (word: string) => {
    const { read, written } = encoder.encodeInto(word, key);
    if (read < word.length) return null;
    // Steps: the line around the middle of [lo, hi) (both at line starts) → its word → compare → the half to keep.
    let lo = bodyStart;
    let hi = bytes.length;
    while (lo < hi) {
      let start = (lo + hi) >>> 1;
      while (start > lo && bytes[start - 1] !== NEWLINE) start--;
      let end = start;
      while (end < hi && bytes[end] !== NEWLINE) end++;
      let space = start;
      while (space < end && bytes[space] !== SPACE) space++;
      const order = compare(written, start, space);
      if (order === 0) return readEntry(space + 1, end);
      if (order > 0) lo = end + 1;
      else hi = start;
    }
    return null;
  };

  const lookup = (word: string) => {
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const found = search(word);
    if (cache.size > 50_000) cache.clear();
    cache.set(word, found);
    return found;
  };

  return {
    frequency: (word) => lookup(word)?.freq,
    isFunctionWord: (word) => lookup(word)?.functional ?? false,
    isPlaceName: (word) => lookup(word)?.place ?? false,
    freqSum,
    minWeight: Math.log(minFreq / freqSum),
    maxWordLength,
    hash,
  };
}

/**
 * Cuts one run of Han characters in jieba's search mode without HMM, as `nodejieba.cutForSearch(run)` does.
 *
 * @remarks cppjieba builds a DAG of dictionary words over the run, picks the route of maximal summed weight
 * (log(freq / freqSum)) from right to left — ties keep the shorter word — and, for every route word longer than two
 * characters, also emits its two-character dictionary sub-words, then (longer than three) its three-character ones,
 * then the word itself.
 */
export function cutForSearch(dictionary: JiebaDictionary, run: string): SegmentedWord[] {
  const chars = Array.from(run);
  const n = chars.length;
  const starts: number[] = new Array(n + 1);
  starts[0] = 0;
  for (let i = 0; i < n; i++) starts[i + 1] = starts[i]! + chars[i]!.length;
  const { minWeight, maxWordLength, freqSum } = dictionary;
  const weight = (word: string) => {
    const f = dictionary.frequency(word);
    return f === undefined ? undefined : Math.log(f / freqSum);
  };

  const routeWeight = new Float64Array(n + 1);
  const routeEnd = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let best = -3.14e100;
    let bestEnd = i;
    let word = '';
    for (let j = i; j < n && j - i < maxWordLength; j++) {
      word += chars[j];
      const w = weight(word);
      if (w === undefined && j > i) continue;
      const value = (j + 1 < n ? routeWeight[j + 1]! : 0) + (w ?? minWeight);
      if (value > best) {
        best = value;
        bestEnd = j;
      }
    }
    routeWeight[i] = best;
    routeEnd[i] = bestEnd;
  }

  const out: SegmentedWord[] = [];
  const slice = (from: number, to: number) => run.slice(starts[from], starts[to]);
  for (let i = 0; i < n; ) {
    const end = routeEnd[i]! + 1;
    const length = end - i;
    for (const size of [2, 3]) {
      if (length <= size) continue;
      for (let k = i; k + size <= end; k++) {
        const sub = slice(k, k + size);
        if (dictionary.frequency(sub) !== undefined) out.push({ word: sub, start: starts[k]!, end: starts[k + size]! });
      }
    }
    out.push({ word: slice(i, end), start: starts[i]!, end: starts[end]! });
    i = end;
  }
  return out;
}

/** A {@link Segmenter} backed by the TypeScript port; its id equals nodejieba's for the same dictionaries. */
export function createJiebaSegmenter(dictionary: JiebaDictionary): Segmenter {
  return {
    id: `jieba-search/${dictionary.hash}`,
    segmentHan: (run) => cutForSearch(dictionary, run),
  };
}
