// Owns the answering service every runtime shares: FAQ first, then the corpus, then the "I don't know" reply;
// runtime-neutral, imports no node:*, hono or nodejieba.
import type { AskResponse, ContactPoint, Highlight } from '../contract.js';
import { createAgencyDirectory, type AgencyDirectory } from './agencies.js';
import { splitCompound } from './compound.js';
import { answerFromCorpus, DEFAULT_ANSWER_OPTIONS, type AnswerOptions, type CorpusAnswer, type CorpusContext } from './answer.js';
import { chooseContacts } from './contacts.js';
import type { JiebaDictionary } from './jieba.js';
import { normalizeText } from './normalize.js';
import type { SearchIndex } from './search-index.js';
import type { SynonymTable } from './synonyms.js';

/** A staff-curated FAQ entry's match for a question (see `faq-match.ts`). */
export interface FaqMatch {
  id: number;
  question: string;
  answer: string;
  link: string | null;
  score: number;
}

/** Finds the FAQ entry that answers a question, if one matches well enough. */
export type FaqMatcher = (question: string) => FaqMatch | null | Promise<FaqMatch | null>;

/** Everything an answer was made from, for the staff hit test and the question log. */
export interface AnswerResult {
  response: Omit<AskResponse, 'id'>;
  corpus: CorpusAnswer | null;
  faq: FaqMatch | null;
}

/** Where a question is asked: the page the widget is on (its URL), or the report the page names (`data-report`). */
export interface AskPlace {
  /** A report's slug, its URL, or the URL of the page the citizen is on. */
  report?: string;
  /** When the question is asked (今年/去年 count from it); default now. */
  now?: Date;
}

export interface QaEngine {
  /** The loaded index (documents, passages, manifest). */
  readonly index: SearchIndex;
  /** The agencies of the site's reports. */
  readonly agencies: AgencyDirectory;
  /** Answers a question: FAQ, then corpus, then a helpful "not found". */
  answer(question: string, place?: AskPlace): Promise<AnswerResult>;
  /** The site's contacts (where to ask instead): site.json's, else those of the site's own agency's reports. */
  contacts(): ContactPoint[];
  /** Everything behind an answer, for the staff hit test: the answer, and the corpus's analysis and ranking even when an FAQ entry answered. */
  explain(question: string, place?: AskPlace): Promise<Explanation>;
  /** What the corpus answer is given besides the question (the agencies, the page, the site's agency, today). */
  corpusContext(place?: AskPlace): CorpusContext;
}

/** What the site says of itself (`corpus/site.json`): the engine needs its agency and contacts. */
export interface SiteProfile {
  /** The site's own agency (the reports' agency name); default: the agency of `defaultReport`. */
  agency?: string;
  /** Slug of the site's main report. */
  defaultReport?: string;
  /** Where citizens ask when the robot cannot help; default: the phone numbers the site's own reports give. */
  contacts?: ContactPoint[];
}

/** What {@link QaEngine.explain} returns. */
export interface Explanation {
  result: AnswerResult;
  /** The corpus's answer to the question, computed even when an FAQ entry answered it. */
  corpus: CorpusAnswer;
}

export interface EngineOptions {
  index: SearchIndex;
  dictionary: JiebaDictionary;
  synonyms: SynonymTable;
  faq?: FaqMatcher;
  answerOptions?: AnswerOptions;
  site?: SiteProfile;
  /** Staff aliases of agencies (`corpus/aliases.txt`), by agency name. */
  aliases?: ReadonlyMap<string, string[]>;
}

/** An engine whose index can be replaced while it serves: questions in flight finish on the engine they started on. */
export interface SwappableEngine extends QaEngine {
  /** Replaces the engine every later question is answered by (one assignment: atomic for callers). */
  swap(next: QaEngine): void;
}

/** Wraps an engine so a newly built index can replace it without a restart (staff publishing a report). */
export function createSwappableEngine(initial: QaEngine): SwappableEngine {
  let current = initial;
  const swap = (next: QaEngine) => {
    current = next;
  };
  return new Proxy({} as SwappableEngine, {
    get: (_, property) => (property === 'swap' ? swap : Reflect.get(current, property)),
    has: (_, property) => property === 'swap' || Reflect.has(current, property),
  });
}

/** The fixed reply for questions the documents do not answer. Lists where to ask, from the corpus's own contacts. */
export function formatNotFound(contacts: ContactPoint[], reason: CorpusAnswer['reason'] | undefined, scopeMessage?: string): string {
  const lead =
    reason === 'vague'
      ? '您的问题比较笼统，我没能确定您想了解什么。请说得具体一些，例如问「主动公开了多少条政府信息」「投诉电话是多少」。'
      : (reason === 'agency-unknown' || reason === 'year-missing') && scopeMessage
        ? scopeMessage
        : '抱歉，已发布的报告中没有找到这个问题的答案。您可以换个说法再问，或说得更具体一些。';
  if (contacts.length === 0) return `${lead}也可以直接联系发布单位咨询。`;
  return `${lead}也可以咨询：${contacts.map(describeContact).join('；')}。`;
}

/** A contact as the reply names it: 「政务服务咨询 0453-6958002（地址：…，办公时间：…，网址：…）」. */
export function describeContact(c: ContactPoint): string {
  const more = [c.address ? `地址：${c.address}` : '', c.hours ? `办公时间：${c.hours}` : '', c.web ? `网址：${c.web}` : ''].filter(Boolean);
  return `${c.label} ${c.phone}${more.length > 0 ? `（${more.join('，')}）` : ''}`;
}

/** The report a page is: a slug, or a URL of the report's page (its own URL, or /reports/:slug on this server). */
export function findReport(index: SearchIndex, report: string | undefined): number | undefined {
  if (!report) return undefined;
  const bare = (u: string) => u.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/^https?:\/\//i, '').toLowerCase();
  const slug = /\/reports\/([^/?#]+)/.exec(report)?.[1];
  const decoded = slug ? safeDecode(slug) : report;
  const bySlug = index.documents.findIndex((d) => d.slug === decoded);
  if (bySlug >= 0) return bySlug;
  const target = bare(report);
  const byUrl = index.documents.findIndex((d) => d.url && bare(d.url) === target);
  return byUrl >= 0 ? byUrl : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Creates the answering service over a loaded index. */
/** Corpus answers remembered per engine (popular questions recur); a rebuilt index gets a new engine, a new memo. */
const CORPUS_MEMO_SIZE = 2000;

export function createQaEngine(options: EngineOptions): QaEngine {
  const answerOptions = options.answerOptions ?? DEFAULT_ANSWER_OPTIONS;
  const { index } = options;
  const directory = createAgencyDirectory(index.documents.map((d) => d.agency ?? null), options.aliases);
  const site = options.site ?? {};
  const siteDoc = site.defaultReport ? index.documents.findIndex((d) => d.slug === site.defaultReport) : -1;
  const named = site.agency ? directory.agencies.findIndex((a) => normalizeText(a.name) === normalizeText(site.agency!)) : -1;
  const siteAgency = named >= 0 ? named : siteDoc >= 0 ? directory.byDoc[siteDoc]! : directory.agencies.length === 1 ? 0 : -1;
  const newestFirst = (a: number, b: number) => (index.documents[b]?.year ?? 0) - (index.documents[a]?.year ?? 0);
  const contactsFor = (corpus: CorpusAnswer): ContactPoint[] =>
    chooseContacts(index.contacts, (p) => index.passages[p]!.doc, {
      docs: corpus.scope.agency !== null ? directory.agencies[corpus.scope.agency]!.docs : corpus.scope.docs,
      named: corpus.scope.agency !== null && corpus.scope.agency !== siteAgency,
      agencyName: corpus.scope.agency !== null ? directory.agencies[corpus.scope.agency]!.name : null,
      siteContacts: site.contacts ?? [],
      newestFirst,
    });
  const siteContacts =
    site.contacts && site.contacts.length > 0
      ? site.contacts
      : chooseContacts(index.contacts, (p) => index.passages[p]!.doc, {
          docs: siteAgency >= 0 ? directory.agencies[siteAgency]!.docs : null,
          named: false,
          agencyName: siteAgency >= 0 ? directory.agencies[siteAgency]!.name : null,
          siteContacts: [],
          newestFirst,
        });
  const corpusContext = (place: AskPlace = {}, pageDoc = findReport(index, place.report)): CorpusContext => ({
    directory,
    ask: { today: place.now ?? new Date(), ...(pageDoc !== undefined ? { pageDoc } : {}), ...(siteAgency >= 0 ? { siteAgency } : {}) },
  });
  const memo = new Map<string, CorpusAnswer>();
  const answerCorpus = (question: string, place: AskPlace = {}): CorpusAnswer => {
    const now = place.now ?? new Date();
    const pageDoc = findReport(index, place.report);
    // The same words mean another answer on another page, or on another day (去年).
    const key = `${pageDoc ?? ''}|${now.toISOString().slice(0, 10)}|${normalizeText(question).replace(/\s+/g, ' ').trim()}`;
    const hit = memo.get(key);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      memo.delete(key);
      memo.set(key, hit);
      return hit;
    }
    const answer = answerFromCorpus(index, options.dictionary, question, options.synonyms, answerOptions, corpusContext({ ...place, now }, pageDoc));
    if (memo.size >= CORPUS_MEMO_SIZE) memo.delete(memo.keys().next().value!);
    memo.set(key, answer);
    return answer;
  };
  // A question asking two or three things: each clause answered on its own, the quotes one after another. When only
  // one clause finds its passage, the whole question's answer is preferred; without one, that clause's, with a note.
  const answerCompound = (question: string, place?: AskPlace): AnswerResult | null => {
    const clauses = splitCompound(normalizeText(question).replace(/\s+/g, ' ').trim(), index.segmenter, options.dictionary);
    if (clauses.length < 2) return null;
    const best = (a: CorpusAnswer | null, b: CorpusAnswer): CorpusAnswer =>
      !a || a.matched !== 'corpus' ? b : b.matched !== 'corpus' ? a : (b.ranking[0]?.score ?? 0) > (a.ranking[0]?.score ?? 0) ? b : a;
    const answered = clauses
      .map((c) => best(c.inherited ? answerCorpus(c.inherited, place) : null, answerCorpus(c.alone, place)))
      .filter((a) => a.matched === 'corpus');
    const distinct = answered.filter((a, i) => answered.findIndex((b) => b.answer === a.answer) === i);
    if (distinct.length === 0) return null;
    // One clause answered: the whole question's own answer when it has one, else that clause's, saying it is a part.
    if (distinct.length === 1 && answerCorpus(question, place).matched === 'corpus') return null;
    const partial = distinct.length < clauses.length ? [`只找到了${clauses.length}个问题中${distinct.length}个的答案。`] : [];
    let offset = 0;
    const highlights: Highlight[] = [];
    for (const a of distinct) {
      for (const h of a.highlights) highlights.push({ start: h.start + offset, end: h.end + offset });
      offset += a.answer.length + 1;
    }
    const notes = [...new Set([...distinct.flatMap((a) => a.scope.notes), ...partial])];
    return {
      faq: null,
      corpus: distinct[0]!,
      response: {
        answer: distinct.map((a) => a.answer).join('\n'),
        matched: 'corpus',
        sources: distinct.flatMap((a) => a.sources),
        highlights,
        questionTypes: [...new Set(distinct.flatMap((a) => a.analysis.types))],
        year: distinct[0]!.year,
        contacts: [],
        suggestions: [],
        ...(notes.length > 0 ? { notes } : {}),
      },
    };
  };
  const engine: QaEngine = {
    index,
    agencies: directory,
    corpusContext: (place) => corpusContext(place),
    contacts: () => siteContacts,
    async explain(question: string, place?: AskPlace): Promise<Explanation> {
      const result = await engine.answer(question, place);
      const corpus = result.corpus ?? answerCorpus(question, place);
      return { result, corpus };
    },
    async answer(question: string, place?: AskPlace): Promise<AnswerResult> {
      const faq = options.faq ? await options.faq(question) : null;
      if (faq) {
        return {
          faq,
          corpus: null,
          response: {
            answer: faq.answer,
            matched: 'faq',
            sources: [
              {
                title: '常见问题',
                date: null,
                url: faq.link,
                section: faq.question,
                snippet: faq.answer.length > 160 ? `${faq.answer.slice(0, 158)}…` : faq.answer,
                year: null,
              },
            ],
            highlights: [],
            questionTypes: [],
            year: null,
            contacts: [],
            suggestions: [],
            faq: { id: faq.id, link: faq.link },
          },
        };
      }
      const compound = answerCompound(question, place);
      if (compound) return compound;
      const corpus = answerCorpus(question, place);
      if (corpus.matched === 'corpus') {
        return {
          faq: null,
          corpus,
          response: {
            answer: corpus.answer,
            matched: 'corpus',
            sources: corpus.sources,
            highlights: corpus.highlights,
            questionTypes: corpus.analysis.types,
            year: corpus.year,
            contacts: [],
            suggestions: [],
            ...(corpus.scope.notes.length > 0 ? { notes: corpus.scope.notes } : {}),
          },
        };
      }
      const contacts = contactsFor(corpus);
      return {
        faq: null,
        corpus,
        response: {
          answer: formatNotFound(contacts, corpus.reason, corpus.scope.refusal?.message),
          matched: 'none',
          sources: [],
          highlights: [],
          questionTypes: corpus.analysis.types,
          year: null,
          contacts,
          suggestions: [],
        },
      };
    },
  };
  return engine;
}
