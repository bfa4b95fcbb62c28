// Owns 引导式提问 (asking back): when the two best answers of a question come from different reports or sections and
// score close together, both are offered as 「您是想问：…」 choices instead of a guess; fed by the ranked candidates
// of answer.ts, runtime-neutral (imports only index types and the passage link helpers).
import type { Clarification, Source } from '../contract.js';
import { cellUrl, passageUrl, type CorpusAnswer } from './answer.js';
import type { SearchIndex } from './search-index.js';

/**
 * How close the runner-up must score to the best candidate (its score ÷ the best's) to be offered beside it.
 *
 * @remarks Measured on the fixture question sets with `bench/clarify.ts` (BENCHMARKS.md, "Asking back"): no ratio
 * ever loses a right answer (the first choice is the answer itself), and below 0.99 the sets' clear questions are
 * asked back more and more often (0.95: 11 of 175) while the second choice rescues one wrong answer only at 0.9 and
 * below; 0.99 asks back 4 of 175 (and 1 of the 33 real-report questions): near-ties only.
 */
export const CLARIFY_RATIO = 0.99;

/** Where a passage stands: its report and section path. Two candidates are different answers when this differs. */
function placeOf(index: SearchIndex, passage: number): string {
  const p = index.passages[passage]!;
  return `${p.doc}\u0000${p.section.join('\u0000')}`;
}

/** The citation of one passage, as the answer's own sources cite it. */
function citePassage(index: SearchIndex, passage: number): Source {
  const p = index.passages[passage]!;
  const doc = index.documents[p.doc]!;
  const base = doc.url ?? `/reports/${doc.slug}`;
  const text = p.text;
  return {
    title: doc.title,
    date: doc.date,
    url: p.cell ? cellUrl(base, index, p.cell.table, p.cell.row, !doc.url) : passageUrl(base, p.kind === 'sentence' ? text : doc.title),
    section: p.section.join(' › '),
    snippet: Array.from(text).length > 160 ? `${Array.from(text).slice(0, 158).join('')}…` : text,
    year: doc.year,
  };
}

/** What a choice is called: its innermost section, after the report's title when the two choices are of two reports. */
function labelOf(source: Source, withTitle: boolean): string {
  const section = source.section.split(' › ').pop() ?? '';
  return withTitle || !section ? `《${source.title}》${section}` : section;
}

/**
 * The two choices to offer for a corpus answer, or null when the best candidate stands clear.
 *
 * @param ratio - see {@link CLARIFY_RATIO}.
 * @remarks The first choice is the answer as given (its text and sources unchanged); the second is the best-ranked
 * candidate from another report or section, when it scores at least `ratio` of the answer's. Candidates are the
 * ranking answer.ts already computed: no extra search.
 */
export function findClarification(index: SearchIndex, corpus: CorpusAnswer, ratio = CLARIFY_RATIO): Clarification | null {
  if (corpus.matched !== 'corpus' || corpus.passages.length === 0 || corpus.ranking.length < 2) return null;
  const chosen = corpus.passages[0]!;
  const best = corpus.ranking.find((r) => r.passage === chosen) ?? corpus.ranking[0]!;
  if (!(best.score > 0)) return null;
  const place = placeOf(index, chosen);
  const quoted = new Set(corpus.passages);
  const rival = corpus.ranking.find((r) => !quoted.has(r.passage) && placeOf(index, r.passage) !== place);
  if (!rival || rival.score < best.score * ratio) return null;
  const first = corpus.sources[0]!;
  const second = citePassage(index, rival.passage);
  const twoReports = index.passages[rival.passage]!.doc !== index.passages[chosen]!.doc;
  return {
    choices: [
      { label: labelOf(first, twoReports), answer: corpus.answer, sources: corpus.sources },
      { label: labelOf(second, twoReports), answer: index.passages[rival.passage]!.text, sources: [second] },
    ],
  };
}
