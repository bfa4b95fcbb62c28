// Owns the search index artifact: building it from passages, its manifest, and loading it back with checks;
// runtime-neutral (the caller supplies the segmenter and the bytes), imports no node:*, hono or nodejieba.
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { registerPackedPostings } from './retrieval.js';
import type { DocumentMeta } from './document.js';
import { normalizeText } from './normalize.js';
import type { Passage, PassageKind } from './passages.js';
import type { TableCell } from './tables.js';
import { findContacts } from './contacts.js';
import { findRepeatedPassages } from './repetition.js';

export { findContacts };
import { termsOf, tokenize, type SegmentedWord, type Segmenter } from './tokenize.js';

/**
 * Version of everything that decides which terms land in the index: normalization, run splitting, segmentation
 * mode, passage splitting and the MiniSearch options below. Bump it with any change to those, so that an artifact
 * built by older code is refused instead of silently answering with other terms.
 */
export const INDEX_OPTIONS_VERSION = 8;

/** Identifies what an artifact was built from; loading compares it with what the running code expects. */
export interface IndexManifest {
  format: 'qa-robot-index';
  optionsVersion: number;
  /** Segmenter id, including the hash of its dictionaries (base + `corpus/dict/`). */
  segmenter: string;
  /** Hash of the corpus documents (contents, names, sidecars). */
  corpusHash: string;
  documents: number;
  passages: number;
  terms: number;
}

/** A document as the index knows it. */
export interface IndexedDocument extends DocumentMeta {
  /** Stable name derived from the file name, used in URLs of the built-in report pages. */
  slug: string;
  /** Source file, relative to the corpus's `reports/` folder. */
  file: string;
  /** The agency the report is of (襄阳市行政审批局), derived at build time; null when nothing names one. */
  agency: string | null;
}

/** A table of a report, as its page lays it out: answers from its cells link to their row. */
export interface IndexedTable {
  doc: number;
  rows: TableCell[][];
}

/** A passage with the index of its document in {@link IndexArtifact.documents}. Its id is its array index. */
export interface IndexedPassage extends Passage {
  doc: number;
}

/** A phone number the corpus gives, with the words before it (「管理科咨询热线」), for "where to ask" replies. */
export interface Contact {
  label: string;
  phone: string;
  passage: number;
}

/**
 * Passages stored by column (one array per field, same order), with section paths as indexes into
 * {@link IndexArtifact.sections}: a corpus of thousands of reports repeats its keys and headings otherwise.
 */
export interface PassageColumns {
  doc: number[];
  /** 0 sentence, 1 meta, 2 signoff, 3 cell. */
  kind: number[];
  paragraph: number[];
  /** 1 when the passage introduces a list. */
  listIntro: number[];
  section: number[];
  text: string[];
}

/**
 * MiniSearch's own serialization (`toJSON`) with its bulky objects packed: per term, the ascending passage ids as
 * base-36 gaps with `:tf` only when the term frequency is not 1; field lengths as an array. {@link unpackSearch}
 * restores exactly what `MiniSearch.loadJS` expects. At thousands of reports the posting objects were most of the
 * artifact (`{"12345":1,…}` per term).
 */
export interface PackedSearch {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  serializationVersion: number;
  /** Length of the one field, by search id. */
  fieldLength: number[];
  /**
   * The passage id of each search id, when they differ (passages that repeat an earlier one are not indexed, so
   * search ids skip them); absent when every passage is indexed and search id = passage id.
   */
  ids?: number[];
  postings: Array<[term: string, packed: string]>;
}

/** Packs MiniSearch's serialization of a one-field index whose document ids are ascending passage ids. */
export function packSearch(plain: AsPlainObject): PackedSearch {
  const fieldLength: number[] = [];
  const ids: number[] = [];
  let identity = true;
  for (let id = 0; id < plain.nextId; id++) {
    const passage = plain.documentIds[String(id)];
    if (typeof passage !== 'number' || (ids.length > 0 && passage <= ids[ids.length - 1]!)) {
      throw new Error(`passage ids must ascend with search ids (search id ${id})`);
    }
    ids.push(passage);
    if (passage !== id) identity = false;
    fieldLength.push(plain.fieldLength[String(id)]?.[0] ?? 0);
  }
  const postings: Array<[string, string]> = plain.index.map(([term, fields]) => {
    const docs = (fields['0'] ?? {}) as Record<string, number>;
    let previous = 0;
    const packed = Object.keys(docs)
      .map(Number)
      .sort((a, b) => a - b)
      .map((id) => {
        const gap = (id - previous).toString(36);
        previous = id;
        const tf = docs[String(id)]!;
        return tf === 1 ? gap : `${gap}:${tf.toString(36)}`;
      })
      .join(',');
    return [term, packed];
  });
  return {
    documentCount: plain.documentCount,
    nextId: plain.nextId,
    fieldIds: plain.fieldIds,
    averageFieldLength: plain.averageFieldLength,
    dirtCount: plain.dirtCount ?? 0,
    serializationVersion: plain.serializationVersion,
    fieldLength,
    ...(identity ? {} : { ids }),
    postings,
  };
}

/** Restores MiniSearch's serialization from {@link packSearch}'s form. */
export function unpackSearch(packed: PackedSearch): AsPlainObject {
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  packed.fieldLength.forEach((length, id) => {
    documentIds[String(id)] = packed.ids?.[id] ?? id;
    fieldLength[String(id)] = [length];
  });
  const index: AsPlainObject['index'] = packed.postings.map(([term, list]) => {
    const docs: Record<string, number> = {};
    let id = 0;
    for (const item of list ? list.split(',') : []) {
      const colon = item.indexOf(':');
      id += Number.parseInt(colon === -1 ? item : item.slice(0, colon), 36);
      docs[String(id)] = colon === -1 ? 1 : Number.parseInt(item.slice(colon + 1), 36);
    }
    return [term, { '0': docs as never }];
  });
  return {
    documentCount: packed.documentCount,
    nextId: packed.nextId,
    documentIds,
    fieldIds: packed.fieldIds,
    fieldLength,
    averageFieldLength: packed.averageFieldLength,
    storedFields: {},
    dirtCount: packed.dirtCount,
    index,
    serializationVersion: packed.serializationVersion,
  };
}

/** Everything the answering core needs, serializable as one JSON document. */
export interface IndexArtifact {
  manifest: IndexManifest;
  documents: IndexedDocument[];
  /** Distinct section paths. */
  sections: string[][];
  passages: PassageColumns;
  /** Number of passages each term occurs in (text, or headings for the first sentences of a section). */
  docFrequency: Record<string, number>;
  contacts: Contact[];
  /** Tables of the reports, in document order; a cell passage names one by its index. */
  tables: IndexedTable[];
  /** Where cell passages sit: flat triples [passage, table, row]. */
  cells: number[];
  search: PackedSearch;
}

const KINDS: PassageKind[] = ['sentence', 'meta', 'signoff', 'cell'];

/**
 * Sentences of a section that carry its heading's words in the index. The heading speaks for the whole section at
 * ranking time (every candidate is credited with its headings); in the index only the section's first sentences
 * need its words to be found by 「存在哪些不足」, and the others would only lengthen posting lists.
 */
export const HEADING_TERMS_PER_SECTION = 2;

/** What a build needs besides passages: the documents in corpus order. */
export interface CorpusInput {
  /** Each document with its passages and its tables (cell passages name a table by its index in `tables`). */
  documents: Array<{ meta: IndexedDocument; passages: Passage[]; tables?: TableCell[][][] }>;
  corpusHash: string;
  /**
   * Index every passage, repeats included (the behaviour before repeats were indexed once). Default false; only
   * `bench/repetitive-report.ts` sets it, to measure what indexing repeats once saves.
   */
  indexRepeats?: boolean;
}

interface SearchRecord {
  id: number;
  terms: string;
}

const MINISEARCH_OPTIONS: Options<SearchRecord> = {
  fields: ['terms'],
  idField: 'id',
  tokenize: (text: string) => text.split(' '),
  processTerm: (term: string) => term || null,
};

/**
 * Corpus words of four or more characters inside a longer route word (政府信息公开 holds 信息公开).
 *
 * @remarks jieba's search mode adds only the two- and three-character sub-words of a long word, so without these a
 * passage saying 「政府信息公开」 would neither be found by nor count towards the frequency of 「信息公开」.
 */
export function innerWords(tokens: SegmentedWord[], vocabulary: { has(word: string): boolean }): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const chars = Array.from(t.word);
    if (chars.length < 5) continue;
    for (let size = 4; size < chars.length; size++) {
      for (let k = 0; k + size <= chars.length; k++) {
        const sub = chars.slice(k, k + size).join('');
        if (vocabulary.has(sub)) out.push(sub);
      }
    }
  }
  return out;
}

/** Index terms of a piece of text: normalized, then segmented. */
export function indexTerms(text: string, segmenter: Segmenter): string[] {
  return termsOf(normalizeText(text), segmenter);
}

/**
 * Builds the index artifact. Deterministic: the same documents in the same order give byte-identical JSON.
 *
 * @remarks Every passage is indexed with the search-mode words of its text (`body`) and of its section headings
 * (`heading`), so a sentence under 「三、存在的不足及下步打算」 is found by 「存在哪些不足」. Document frequencies over
 * the same terms are kept for question weighting at answer time.
 *
 * A passage that repeats an earlier one of its report word for word (findRepeatedPassages) is indexed once: the
 * first occurrence is found and cited; a repeat inside a paragraph with other text stays in `passages` unindexed (the
 * paragraph is quoted whole), a paragraph made only of repeats is left out. A report of one block pasted thousands
 * of times otherwise lengthened every posting list of its words, and every question with them. A table identical to
 * an earlier one of its report is kept once, and its cells cite the first.
 */
export function buildIndexArtifact(corpus: CorpusInput, segmenter: Segmenter): IndexArtifact {
  const documents: IndexedDocument[] = [];
  const passages: Array<Passage & { doc: number }> = [];
  const records: SearchRecord[] = [];
  const docFrequency = new Map<string, number>();
  const contacts: Contact[] = [];
  const headingTerms = new Map<string, string[]>();

  // Passages that repeat an earlier one of their report are kept (for their paragraph) but not in `tokenized`.
  const tokenized: Array<{ id: number; body: SegmentedWord[]; heading: string[] }> = [];
  const vocabulary = new Set<string>();
  const sectionIds = new Map<string, number>();
  const sections: string[][] = [];
  const columns: PassageColumns = { doc: [], kind: [], paragraph: [], listIntro: [], section: [], text: [] };
  const tables: IndexedTable[] = [];
  const cells: number[] = [];
  for (const { meta, passages: docPassages, tables: docTables = [] } of corpus.documents) {
    const doc = documents.length;
    documents.push(meta);
    // A table identical to an earlier one of the report is kept once; its cells point to the first.
    const tableIds = new Map<string, number>();
    const tableOf = docTables.map((rows) => {
      const key = JSON.stringify(rows);
      let at = corpus.indexRepeats ? undefined : tableIds.get(key);
      if (at === undefined) {
        at = tables.length;
        tables.push({ doc, rows });
        tableIds.set(key, at);
      }
      return at;
    });
    const seenInSection = new Map<string, number>();
    const repetition = corpus.indexRepeats ? null : findRepeatedPassages(docPassages);
    docPassages.forEach((passage, k) => {
      const sectionKey = passage.section.join('\n');
      // A repeat still counts towards its section's first sentences, so that the others keep their index terms.
      const rank = seenInSection.get(sectionKey) ?? 0;
      seenInSection.set(sectionKey, rank + 1);
      if (repetition?.dropped[k]) return;
      const id = passages.length;
      passages.push({ ...passage, doc });
      let section = sectionIds.get(sectionKey);
      if (section === undefined) {
        section = sections.length;
        sections.push(passage.section);
        sectionIds.set(sectionKey, section);
      }
      columns.doc.push(doc);
      columns.kind.push(KINDS.indexOf(passage.kind));
      columns.paragraph.push(passage.paragraph);
      columns.listIntro.push(passage.listIntro ? 1 : 0);
      columns.section.push(section);
      columns.text.push(passage.text);
      if (passage.cell) cells.push(id, tableOf[passage.cell.table]!, passage.cell.row);
      if (repetition && repetition.firstOf[k] !== -1) return;
      const body = tokenize(normalizeText(passage.text), segmenter);
      let heading = headingTerms.get(sectionKey);
      if (!heading) {
        heading = passage.section.flatMap((h) => indexTerms(h, segmenter));
        headingTerms.set(sectionKey, heading);
      }
      const lead = rank < HEADING_TERMS_PER_SECTION;
      tokenized.push({ id, body, heading: lead ? heading : [] });
      for (const t of body) vocabulary.add(t.word);
      for (const t of heading) vocabulary.add(t);
      for (const c of findContacts(passage.text)) contacts.push({ ...c, passage: id });
    });
  }
  tokenized.forEach(({ id, body, heading }) => {
    const terms = [...body.map((t) => t.word), ...innerWords(body, vocabulary), ...heading];
    records.push({ id, terms: terms.join(' ') });
    for (const term of new Set(terms)) docFrequency.set(term, (docFrequency.get(term) ?? 0) + 1);
  });

  const search = new MiniSearch<SearchRecord>(MINISEARCH_OPTIONS);
  search.addAll(records);
  const sortedFrequency: Record<string, number> = {};
  for (const term of [...docFrequency.keys()].sort()) sortedFrequency[term] = docFrequency.get(term)!;

  return {
    manifest: {
      format: 'qa-robot-index',
      optionsVersion: INDEX_OPTIONS_VERSION,
      segmenter: segmenter.id,
      corpusHash: corpus.corpusHash,
      documents: documents.length,
      passages: passages.length,
      terms: docFrequency.size,
    },
    documents,
    sections,
    passages: columns,
    docFrequency: sortedFrequency,
    contacts,
    tables,
    cells,
    search: packSearch(search.toJSON()),
  };
}

/** Raised when an artifact cannot be used; the message names the fix. */
export class IndexMismatchError extends Error {
  override name = 'IndexMismatchError';

  /** What is wrong, without the fix the message names (for a start-up that is already running that fix). */
  get problem(): string {
    return this.message.replace(/:? (?:run|to rebuild it, run) `npm run build:index`.*$/s, '');
  }
}

/** What the running code expects of an artifact. Omitted fields are not checked. */
export interface ExpectedManifest {
  segmenter?: string;
  corpusHash?: string;
}

/** A loaded index, ready for answering. */
export interface SearchIndex {
  manifest: IndexManifest;
  documents: IndexedDocument[];
  passages: IndexedPassage[];
  docFrequency: Map<string, number>;
  contacts: Contact[];
  tables: IndexedTable[];
  /** MiniSearch over the passages; loaded on first access (answering reads the postings through retrieval.ts). */
  readonly search: MiniSearch<SearchRecord>;
  segmenter: Segmenter;
}

/**
 * Checks an artifact's manifest against the running code and configuration.
 *
 * @throws IndexMismatchError naming `npm run build:index` when the artifact was built with other options, another
 * dictionary or another corpus, or is not an index artifact at all.
 */
export function checkManifest(manifest: unknown, expected: ExpectedManifest): IndexManifest {
  const fix = 'run `npm run build:index` to rebuild it';
  const m = manifest as Partial<IndexManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== 'qa-robot-index') {
    throw new IndexMismatchError(`the index artifact is not a qa-robot index (corrupted or foreign file): ${fix}`);
  }
  if (m.optionsVersion !== INDEX_OPTIONS_VERSION) {
    throw new IndexMismatchError(
      `the index was built with options version ${m.optionsVersion}, this code needs ${INDEX_OPTIONS_VERSION}: ${fix}`,
    );
  }
  if (expected.segmenter && m.segmenter !== expected.segmenter) {
    throw new IndexMismatchError(
      `the index was built with another segmentation dictionary (${m.segmenter}, expected ${expected.segmenter}): ${fix}`,
    );
  }
  if (expected.corpusHash && m.corpusHash !== expected.corpusHash) {
    throw new IndexMismatchError(`the corpus changed since the index was built: ${fix}`);
  }
  return m as IndexManifest;
}

/**
 * Loads an artifact for answering, refusing one built with other options, dictionary or corpus.
 *
 * @param segmenter - segments questions; its id must equal the one the index was built with.
 * @throws IndexMismatchError (see {@link checkManifest}).
 */
export function loadSearchIndex(artifact: IndexArtifact, segmenter: Segmenter, expected: ExpectedManifest = {}): SearchIndex {
  const manifest = checkManifest(artifact?.manifest, { segmenter: segmenter.id, ...expected });
  const columns = artifact.passages;
  if (!Array.isArray(artifact.documents) || !Array.isArray(artifact.sections) || !artifact.search || !Array.isArray(columns?.text)) {
    throw new IndexMismatchError('the index artifact is incomplete: run `npm run build:index` to rebuild it');
  }
  const passages: IndexedPassage[] = columns.text.map((text, i): IndexedPassage => ({
    kind: KINDS[columns.kind[i]!] ?? 'sentence',
    text,
    section: artifact.sections[columns.section[i]!] ?? [],
    paragraph: columns.paragraph[i]!,
    listIntro: columns.listIntro[i] === 1,
    doc: columns.doc[i]!,
  }));
  const cells = Array.isArray(artifact.cells) ? artifact.cells : [];
  for (let k = 0; k + 2 < cells.length; k += 3) {
    const passage = passages[cells[k]!];
    if (passage) passage.cell = { table: cells[k + 1]!, row: cells[k + 2]! };
  }
  const packed = artifact.search;
  if (!isPackedSearch(packed)) {
    throw new IndexMismatchError('the index artifact cannot be read (its search index is malformed): run `npm run build:index` to rebuild it');
  }
  // Answering reads the packed postings directly (retrieval.ts); MiniSearch's own structure, which takes seconds and
  // hundreds of MB to build at thousands of reports, is loaded only when something asks for `search`.
  let search: MiniSearch<SearchRecord> | undefined;
  const loaded: SearchIndex = {
    manifest,
    documents: artifact.documents,
    passages,
    docFrequency: new Map(Object.entries(artifact.docFrequency)),
    contacts: artifact.contacts,
    tables: Array.isArray(artifact.tables) ? artifact.tables : [],
    get search() {
      if (!search) {
        try {
          search = MiniSearch.loadJS<SearchRecord>(unpackSearch(packed), MINISEARCH_OPTIONS);
        } catch (error) {
          throw new IndexMismatchError(
            `the index artifact cannot be read (${(error as Error).message}): run \`npm run build:index\` to rebuild it`,
          );
        }
      }
      return search;
    },
    segmenter,
  };
  registerPackedPostings(loaded, packed);
  return loaded;
}

/** Whether a value has the shape of {@link PackedSearch} (what MiniSearch.loadJS would refuse, checked up front). */
function isPackedSearch(value: unknown): value is PackedSearch {
  const p = value as Partial<PackedSearch> | null;
  return (
    !!p &&
    typeof p === 'object' &&
    p.serializationVersion === 2 &&
    typeof p.documentCount === 'number' &&
    typeof p.nextId === 'number' &&
    Array.isArray(p.averageFieldLength) &&
    Array.isArray(p.fieldLength) &&
    p.fieldLength.length === p.nextId &&
    Array.isArray(p.postings) &&
    p.postings.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string')
  );
}
