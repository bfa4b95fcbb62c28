// Owns the Node implementation of the Segmenter port: nodejieba (native) with the corpus's user dictionaries.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { serializeJiebaDictionary } from '../core/jieba.js';
import type { SegmentedWord, Segmenter } from '../core/tokenize.js';
import { DICTIONARY_HEADER } from '../core/jieba.js';

const require = createRequire(import.meta.url);

interface NodeJieba {
  load(options: { dict?: string; userDict?: string }): boolean;
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  DEFAULT_DICT: string;
  DEFAULT_USER_DICT: string;
}

/**
 * The serialized dictionary (see `serializeJiebaDictionary`) for the given user dictionaries: what the edge segments
 * with, and where both runtimes read general word frequencies.
 */
export function serializeDictionaries(userDictionaries: readonly string[]): string {
  const paths = resolveUserDictionaries(userDictionaries);
  return serializeJiebaDictionary(
    readFileSync(jiebaBaseDictionaryPath(), 'utf8'),
    paths.map((p) => readFileSync(p, 'utf8')),
    hashDictionaries(userDictionaries),
  );
}

/** Path of the base dictionary nodejieba ships (cppjieba's jieba.dict.utf8). */
export function jiebaBaseDictionaryPath(): string {
  return (require('nodejieba') as NodeJieba).DEFAULT_DICT;
}

/** Hash that identifies a segmentation dictionary: base dictionary plus user dictionaries, in order. */
export function hashDictionaries(userDictionaries: readonly string[]): string {
  const userDictPaths = resolveUserDictionaries(userDictionaries);
  const hash = createHash('sha256');
  // The serialized format is part of what an index was built with: a new format rebuilds the index.
  hash.update(`${DICTIONARY_HEADER}\0`);
  hash.update(readFileSync(jiebaBaseDictionaryPath()));
  for (const path of userDictPaths) {
    hash.update('\0');
    hash.update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The user dictionaries nodejieba loads: the given ones, or nodejieba's default when there are none. */
export function resolveUserDictionaries(userDictPaths: readonly string[]): string[] {
  return userDictPaths.length > 0 ? [...userDictPaths] : [(require('nodejieba') as NodeJieba).DEFAULT_USER_DICT];
}

/** The id of the segmenter {@link createNodeSegmenter} makes for these user dictionaries, without loading nodejieba. */
export function segmenterIdFor(userDictionaries: readonly string[]): string {
  return `jieba-search/${hashDictionaries(userDictionaries)}`;
}

let loadedWith: string | undefined;

/**
 * Loads nodejieba with the given user dictionaries and returns it as a {@link Segmenter}.
 *
 * @remarks nodejieba keeps one global dictionary per process, so every caller in a process must pass user
 * dictionaries with the same contents; a different set throws instead of silently segmenting with other words.
 * nodejieba returns words without offsets; they are recovered from `cut` (the route) and the order in which
 * `cutForSearch` emits sub-words (all two-character ones left to right, then three-character ones, then the word).
 */
export function createNodeSegmenter(userDictionaries: readonly string[]): Segmenter {
  const jieba = require('nodejieba') as NodeJieba;
  const userDictPaths = resolveUserDictionaries(userDictionaries);
  const hash = hashDictionaries(userDictionaries);
  if (loadedWith === undefined) {
    jieba.load({ userDict: userDictPaths.join('|') });
    loadedWith = hash;
  } else if (loadedWith !== hash) {
    throw new Error(
      `nodejieba is already loaded with other user dictionaries in this process (${userDictPaths.join(', ')} differ): ` +
        'restart to switch dictionaries',
    );
  }
  const id = segmenterIdFor(userDictionaries);
  return {
    id,
    segmentHan(run: string): SegmentedWord[] {
      const route = jieba.cut(run, false);
      const search = jieba.cutForSearch(run, false);
      return alignSearchWords(run, route, search);
    },
  };
}

/** Gives each word of a search-mode cut its offsets, using the route words it was expanded from. */
export function alignSearchWords(run: string, route: string[], search: string[]): SegmentedWord[] {
  const out: SegmentedWord[] = [];
  let cursor = 0;
  let next = 0;
  for (const word of route) {
    const chars = Array.from(word);
    const offsets: number[] = [0];
    for (const c of chars) offsets.push(offsets[offsets.length - 1]! + c.length);
    for (const size of [2, 3]) {
      if (chars.length <= size) continue;
      for (let k = 0; k + size <= chars.length; k++) {
        const sub = chars.slice(k, k + size).join('');
        if (search[next] === sub && next < search.length - 1) {
          out.push({ word: sub, start: cursor + offsets[k]!, end: cursor + offsets[k + size]! });
          next++;
        }
      }
    }
    if (search[next] !== word) {
      throw new Error(`nodejieba search cut of ${JSON.stringify(run)} does not follow its route at ${JSON.stringify(word)}`);
    }
    out.push({ word, start: cursor, end: cursor + word.length });
    next++;
    cursor += word.length;
  }
  return out;
}
