// Owns the answering service every runtime shares: FAQ first, then the corpus, then the "I don't know" reply;
// runtime-neutral, imports no node:*, hono or nodejieba.
import type { AskResponse, ContactPoint } from '../contract.js';
import { answerFromCorpus, contactPoints, DEFAULT_ANSWER_OPTIONS, type AnswerOptions, type CorpusAnswer } from './answer.js';
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

export interface QaEngine {
  /** The loaded index (documents, passages, manifest). */
  readonly index: SearchIndex;
  /** Answers a question: FAQ, then corpus, then a helpful "not found". */
  answer(question: string): Promise<AnswerResult>;
  /** Contacts found in the corpus (where to ask instead). */
  contacts(): ContactPoint[];
  /** Everything behind an answer, for the staff hit test: the answer, and the corpus's analysis and ranking even when an FAQ entry answered. */
  explain(question: string): Promise<Explanation>;
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
export function formatNotFound(contacts: ContactPoint[], reason: CorpusAnswer['reason'] | undefined): string {
  const lead =
    reason === 'vague'
      ? '您的问题比较笼统，我没能确定您想了解什么。请说得具体一些，例如问「主动公开了多少条政府信息」「投诉电话是多少」。'
      : '抱歉，已发布的报告中没有找到这个问题的答案。您可以换个说法再问，或说得更具体一些。';
  if (contacts.length === 0) return `${lead}也可以直接联系发布单位咨询。`;
  return `${lead}也可以咨询：${contacts.map((c) => `${c.label} ${c.phone}`).join('；')}。`;
}

/** Creates the answering service over a loaded index. */
/** Corpus answers remembered per engine (popular questions recur); a rebuilt index gets a new engine, a new memo. */
const CORPUS_MEMO_SIZE = 2000;

export function createQaEngine(options: EngineOptions): QaEngine {
  const answerOptions = options.answerOptions ?? DEFAULT_ANSWER_OPTIONS;
  const contacts = contactPoints(options.index);
  const memo = new Map<string, CorpusAnswer>();
  const answerCorpus = (question: string): CorpusAnswer => {
    const key = normalizeText(question).replace(/\s+/g, ' ').trim();
    const hit = memo.get(key);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      memo.delete(key);
      memo.set(key, hit);
      return hit;
    }
    const answer = answerFromCorpus(options.index, options.dictionary, question, options.synonyms, answerOptions);
    if (memo.size >= CORPUS_MEMO_SIZE) memo.delete(memo.keys().next().value!);
    memo.set(key, answer);
    return answer;
  };
  const engine: QaEngine = {
    index: options.index,
    contacts: () => contacts,
    async explain(question: string): Promise<Explanation> {
      const result = await engine.answer(question);
      const corpus = result.corpus ?? answerCorpus(question);
      return { result, corpus };
    },
    async answer(question: string): Promise<AnswerResult> {
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
      const corpus = answerCorpus(question);
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
          },
        };
      }
      return {
        faq: null,
        corpus,
        response: {
          answer: formatNotFound(contacts, corpus.reason),
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
