// Owns the split of a parsed document into citable passages (sentences with their section path); no runtime imports.
import type { DocumentMeta, ParsedDocument } from './document.js';
import { formatFact } from './tables.js';
import { removeUnreadable } from './undecodable.js';

/**
 * What a passage is.
 * - `sentence`: a sentence (or a clause ending in ；) of the body: the unit of answers.
 * - `meta`: the document's own metadata line (title, publication date, issuer), so 「报告哪天发布的」 is answerable.
 * - `signoff`: the issuing body and date that close the report.
 * - `cell`: a value of a table, stated with the table's own row and column labels (「行政许可 · 本年处理决定数量：2629」).
 */
export type PassageKind = 'sentence' | 'meta' | 'signoff' | 'cell';

/** A citable piece of a document. Text is verbatim from the source; answers quote it, never rewrite it. */
export interface Passage {
  kind: PassageKind;
  text: string;
  /** Headings that contain the passage, outermost first (「二、政务公开工作情况及具体举措」, 「3、创新政务公开方式」). */
  section: string[];
  /** Index of the paragraph in the document; sentences of one paragraph share it. */
  paragraph: number;
  /** True when the passage introduces a list that follows (ends with ：). */
  listIntro: boolean;
  /** For a `cell`: which table of the document (0-based, in reading order) and which row of it. */
  cell?: { table: number; row: number };
}

/** Where each sentence ends: after 。！？；!?; (and closing quotes/brackets), or after ：/: that opens a list. */
const SENTENCE_END = /[。！？!?]+[”’」』）)》]*|[：:](?=\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+|[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]|[①②③④⑤⑥⑦⑧⑨⑩]))/g;

/** Splits a paragraph into sentences, keeping their punctuation. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of paragraph.matchAll(SENTENCE_END)) {
    const end = (m.index ?? 0) + m[0].length;
    const piece = paragraph.slice(start, end).trim();
    if (piece) out.push(piece);
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** The metadata passage: a verbatim rendering of the page header (title, date, issuer) that answers can cite. */
export function formatMetaPassage(meta: DocumentMeta): string {
  const parts = [`《${meta.title}》`];
  if (meta.date) parts.push(`发布日期：${meta.date}`);
  if (meta.issuer) parts.push(`发布机构：${meta.issuer}`);
  return parts.join(' ');
}

/**
 * Cuts a parsed document into passages, in reading order, the metadata passage first (steps: sections → sentences,
 * cells, sign-off → without unreadable characters).
 *
 * @remarks U+FFFD (bytes that did not decode) and private-use characters are removed from every passage and heading,
 * whatever the runtime that reads the index: a citizen would see 「�」 or an empty box. A passage left with no letter
 * or digit is dropped.
 */
export function splitIntoPassages(doc: ParsedDocument): Passage[] {
  return withoutUnreadable(splitPassages(doc));
}

function withoutUnreadable(passages: Passage[]): Passage[] {
  const out: Passage[] = [];
  for (const p of passages) {
    const text = removeUnreadable(p.text).trim();
    if (text === p.text && p.section.every((h) => removeUnreadable(h) === h)) {
      out.push(p);
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    out.push({ ...p, text, section: p.section.map((h) => removeUnreadable(h).trim()) });
  }
  return out;
}

function splitPassages(doc: ParsedDocument): Passage[] {
  const passages: Passage[] = [
    { kind: 'meta', text: formatMetaPassage(doc.meta), section: ['文档信息'], paragraph: -1, listIntro: false },
  ];
  const section: string[] = [];
  const levels: number[] = [];
  let paragraph = 0;
  let table = 0;
  for (const block of doc.blocks) {
    if (block.kind === 'heading') {
      while (levels.length > 0 && levels[levels.length - 1]! >= block.level) {
        levels.pop();
        section.pop();
      }
      levels.push(block.level);
      section.push(block.text);
      continue;
    }
    if (block.kind === 'signoff') {
      passages.push({ kind: 'signoff', text: block.text, section: ['落款'], paragraph: paragraph++, listIntro: false });
      continue;
    }
    if (block.kind === 'table') {
      // Each row is a paragraph of its own: its values are read together, the rows apart.
      const rows = new Map<number, number>();
      for (const fact of block.reading.facts) {
        if (!rows.has(fact.row)) rows.set(fact.row, paragraph++);
        passages.push({
          kind: 'cell',
          text: formatFact(fact),
          section: fact.caption ? [...section, fact.caption] : [...section],
          paragraph: rows.get(fact.row)!,
          listIntro: false,
          cell: { table, row: fact.row },
        });
      }
      table++;
      continue;
    }
    for (const sentence of splitSentences(block.text)) {
      passages.push({
        kind: 'sentence',
        text: sentence,
        section: [...section],
        paragraph,
        listIntro: /[：:]$/.test(sentence),
      });
    }
    paragraph++;
  }
  return passages;
}
