// Owns the synonym list that maps citizens' words to the documents' words; parsing only, no runtime imports.

/** Equivalence groups: each word maps to the other words of its groups. */
export type SynonymTable = ReadonlyMap<string, readonly string[]>;

/**
 * Parses `corpus/synonyms.txt`: one group per line, words separated by spaces, commas or ~; `#` starts a comment.
 * A word may sit in several groups; it then maps to the union of their words.
 *
 * @throws Error naming the line when a group has fewer than two words.
 */
export function parseSynonyms(text: string, normalize: (word: string) => string): SynonymTable {
  const table = new Map<string, Set<string>>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const words = [...new Set(line.split(/[\s,，~、]+/).filter(Boolean).map(normalize))];
    if (words.length < 2) throw new Error(`synonyms line ${index + 1}: a group needs at least two words: ${raw}`);
    for (const word of words) {
      const set = table.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) set.add(other);
      table.set(word, set);
    }
  });
  return new Map([...table].map(([word, set]) => [word, [...set]]));
}
