// Owns question analysis: what a question asks for (its type) and what it is about (weighted concepts);
// runtime-neutral, imports no node:*, hono or nodejieba.
import type { QuestionType } from '../contract.js';
import { normalizeText } from './normalize.js';
import type { SynonymTable } from './synonyms.js';
import { tokenize, type Segmenter, type SegmentedWord } from './tokenize.js';

/** Corpus statistics the analysis weighs words with. */
export interface TermStatistics {
  /** Number of passages. */
  passageCount: number;
  /** Number of passages a term occurs in; 0 for a term the corpus does not have. */
  docFrequency(term: string): number;
  /** Frequency of a word in general Chinese (the segmentation dictionary), or undefined for a word it lacks. */
  generalFrequency(word: string): number | undefined;
  /** True for a verb, adjective, adverb or function word in general Chinese (jieba's tags). Optional: default false. */
  isFunctionWord?(word: string): boolean;
}

/** Something the question is about, with how much it counts. */
export interface Concept {
  /** Normalized word as the question says it. */
  text: string;
  /** Informativeness (inverse document frequency, lowered for single characters). */
  weight: number;
  /** Documents' words for the same thing (from the synonym list). */
  synonyms: string[];
  /** True when the corpus has the word or one of its synonyms. */
  known: boolean;
  /** Set when the word names what the answer should contain (电话 for a phone number): type evidence satisfies it. */
  typeWord?: QuestionType;
  /** True for a number (2015, 120). */
  number: boolean;
  /** UTF-16 offsets of the word in the normalized question. */
  start: number;
  end: number;
}

/** A question, analysed. */
export interface QuestionAnalysis {
  normalized: string;
  types: QuestionType[];
  concepts: Concept[];
  /** Years the question names (2015年 → 2015). */
  years: number[];
  /** Measure word after 多少/几 (多少条 → 条), when there is one. */
  measure: string | null;
  /** Terms to look up in the index: concepts, their synonyms and sub-words the corpus has. */
  searchTerms: string[];
}

const TYPE_PATTERNS: Array<[QuestionType, RegExp]> = [
  ['phone', /电话|热线|号码|联系方式|手机|拨打|致电|打给|(?:哪个|什么|啥)号(?!文)|打哪个/],
  ['name', /叫什么|叫啥|名字|姓名|名称/],
  ['date', /何时|哪天|哪一天|哪日|哪一日|什么时候|什么时间|啥时候|几月|几号|几日|哪年|哪一年|日期|几点/],
  ['person', /谁|哪位|什么人|哪个人|组长|负责人/],
  ['list', /哪些|哪几|有什么|有哪|包括|包含|几种|几类|几个方面|几项|几方面/],
  ['yesno', /吗[?]?$|是否|有没有|是不是|能不能|能否|可否|会不会|要不要|收不收|可不可以|有无|是否/],
  ['reason', /为什么|为何|为啥|原因|怎么会/],
  ['how', /如何|怎么|怎样|通过什么|什么方式|什么办法|什么途径|什么形式|哪种方式/],
  ['place', /哪里|哪儿|在哪(?![些几个种项类])|什么地方|地址|地点|位置/],
];
const NUMBER_PATTERN = /多少|几(?![乎点])|数量|总数|数目|多大|多长|多久|比例|百分之/;
const DATE_PHRASES = /几月|几号|几日|几点/g;

/** Words that only shape a question (particles, pronouns, question words, time deixis): never content. */
const STOP_WORDS = new Set(
  (
    '请问 问问 问一下 请 作出 做出 是因为 因为 是由于 由于 其中 这块 这一块 我 我们 你 你们 您 他们 它 想 想知道 想问 知道 了解 一下 告诉 吗 呢 吧 啊 呀 嘛 么 的 地 得 了 着 过 ' +
    '是 为 在 有 和 与 及 或 或者 就 都 也 还 又 这 那 这个 那个 这份 那份 这些 那些 这里 那里 该 本 其 此 个 么 什么 啥 哪 哪些 ' +
    '哪个 哪里 哪儿 哪几 哪位 哪天 哪年 哪种 几 多少 怎么 怎么样 怎样 如何 为什么 为何 是否 有没有 没有 是不是 能不能 可以 能否 ' +
    '可否 会不会 要不要 要 需要 谁 何时 什么时候 时候 一共 总共 共 共有 到底 究竟 具体 都有 一些 多 上 中 里 对 给 被 把 让 由 ' +
    '从 向 于 以 关于 有关 今天 今年 去年 前年 明年 目前 现在 当前 最近 近期 当时 多久 号 几点 怎么办 咋 咋办 呗 哈 啦 嗯 诶 ' +
    '麻烦 谢谢 你好 您好 请教 一般 大概 大约 左右 情况下 哪种 有何 何 啥子 吗 么样 明天 后天 昨天 前天 今日 本年 当年 做 干 搞 弄 用 什么样 咋样 啥样 做什么 干什么 干嘛 为啥 为什么 有关系 叫什么 叫 啥事 咋回事 呢 不 没 没有 了没 没了 吗 俺 咱 咱们 能 会 给 请教一下 告诉我 帮我 问问 想问问 一类 一种 一方面 哪方面 哪一方面 哪类 哪一类'
  ).split(' '),
);

/** Words naming what the answer must contain; a passage with that kind of content satisfies them. */
const TYPE_WORDS: Partial<Record<QuestionType, string[]>> = {
  phone: ['电话', '热线', '号码', '联系方式', '手机', '手机号', '拨打', '拨', '致电', '打'],
  date: ['日期', '时间', '时候', '哪天', '年份'],
  number: ['数量', '总数', '数目', '次数', '件数', '条数', '个数', '多少', '总量', '总计', '合计', '数字', '一共', '总共'],
  name: ['名字', '姓名', '名称'],
};

const MEASURE = /(?:多少|几)(条|件|次|个|种|项|人|名|家|类|份|元|万|亿|天|年|篇|期|场|批|所|位|户|起|部|本|张|处)/;
const YEAR = /(?<!\d)((?:19|20)\d{2})(?=\s*年)/g;
const MEASURE_CHAR = /^(条|件|次|个|种|项|人|名|家|类|份|元|天|篇|期|场|批|所|位|户|起|部|本|张|处)/;

/**
 * How much a word the corpus lacks counts, from how common it is in general Chinese: 1 for rare words (护照,
 * 营业执照: the question is about something the documents do not cover), down to 0.15 for everyday words (因为, 包括,
 * 需要: the question merely words things differently). Words the dictionary lacks count fully.
 */
export function unknownWordFactor(generalFrequency: number | undefined, functionWord = false): number {
  // A verb or adverb the corpus lacks (拨打, 出具, 编写) is the citizen's wording; a noun it lacks (护照, 停车场) is
  // a topic the documents do not cover.
  const kind = functionWord ? 0.6 : 1;
  if (generalFrequency === undefined || generalFrequency <= 800) return kind;
  return kind * Math.min(1, Math.max(0.15, 1 - Math.log(generalFrequency / 800) / Math.log(40)));
}

/** inverse document frequency, BM25's form: always positive, highest for words no passage has. */
export function inverseDocumentFrequency(df: number, passages: number): number {
  return Math.log(1 + (passages - df + 0.5) / (df + 0.5));
}

/**
 * Re-cuts words the corpus lacks with the corpus's own vocabulary: jieba cuts 「报送给」 as 报/送给, but the corpus
 * says 报送; a corpus word that overlaps an unknown word replaces it (and the single characters it absorbs), and what
 * it leaves of the unknown word stays unknown.
 */
function refineUnknownWords(
  candidates: Concept[],
  concepts: Concept[],
  question: string,
  stats: TermStatistics,
  idf: (df: number) => number,
  synonyms: SynonymTable,
): void {
  for (const unknown of candidates.filter((c) => !c.known && !c.number && c.end - c.start >= 2)) {
    let best: { text: string; start: number; end: number; df: number } | undefined;
    for (const size of [4, 3, 2]) {
      for (let s = unknown.start - size + 1; s < unknown.end; s++) {
        if (s < 0 || s + size > question.length) continue;
        const text = question.slice(s, s + size);
        if (!/^\p{Script=Han}+$/u.test(text) || text === unknown.text || isQuestionWord(text)) continue;
        const df = stats.docFrequency(text);
        if (df > 0 && (!best || df < best.df)) best = { text, start: s, end: s + size, df };
      }
      if (best) break;
    }
    if (!best) continue;
    const { start, end } = best;
    for (let i = concepts.length - 1; i >= 0; i--) {
      const c = concepts[i]!;
      if (c !== unknown && c.start >= start && c.end <= end) concepts.splice(i, 1);
    }
    const rest = unknown.start < start ? [unknown.start, start] : unknown.end > end ? [end, unknown.end] : null;
    const index = concepts.indexOf(unknown);
    const replacement: Concept = { text: best.text, weight: idf(best.df), synonyms: (synonyms.get(best.text) ?? []).filter((w) => w !== best.text), known: true, number: false, start, end };
    if (rest && rest[1]! - rest[0]! >= 1) {
      const restText = question.slice(rest[0], rest[1]);
      const share = (rest[1]! - rest[0]!) / (unknown.end - unknown.start);
      concepts.splice(index, 1, replacement, { ...unknown, text: restText, start: rest[0]!, end: rest[1]!, weight: unknown.weight * share * (restText.length === 1 ? 0.3 : 1) });
    } else {
      concepts.splice(index, 1, replacement);
    }
  }
}

/**
 * Joins runs of single Han characters (question words aside) into one word: without HMM, jieba cuts a name it does
 * not know (琨陂市) into characters, and the name is what the question is about.
 */
function mergeUnknownCharacters(routes: SegmentedWord[], stats: TermStatistics): SegmentedWord[] {
  const out: SegmentedWord[] = [];
  const loose = (w: SegmentedWord) => w.end - w.start === 1 && /\p{Script=Han}/u.test(w.word) && !isQuestionWord(w.word);
  // Names use characters that are rare on their own (琨 9, 陂 58 in jieba's counts); 人 and 告 in 「被人告上法院」 are
  // everyday words that merely stand next to each other.
  const rare = (w: SegmentedWord) => (stats.generalFrequency(w.word) ?? 0) < 2000;
  for (let i = 0; i < routes.length; ) {
    let j = i;
    while (j < routes.length && loose(routes[j]!) && (j === i || routes[j]!.start === routes[j - 1]!.end)) j++;
    if (j - i >= 2 && routes.slice(i, j).some(rare)) {
      // A trailing 市/县/区/镇 or a unit the corpus knows stays attached: 琨陂 + 市 reads as one place.
      let end = j;
      if (routes[end] && routes[end]!.start === routes[end - 1]!.end && /^[市县区镇乡村省]$/.test(routes[end]!.word)) end++;
      const first = routes[i]!;
      const last = routes[end - 1]!;
      out.push({ word: routes.slice(i, end).map((w) => w.word).join(''), start: first.start, end: last.end });
      i = end;
      continue;
    }
    out.push(routes[i]!);
    i++;
  }
  return out;
}

/** Names the question quotes (《工作信息》, “权力清单”): each is one concept, however the segmenter cuts it. */
function quotedPhrases(question: string, routes: SegmentedWord[]): SegmentedWord[] {
  const out: SegmentedWord[] = [];
  for (const m of question.matchAll(/《([^》]{2,30})》|“([^”]{2,30})”|「([^」]{2,30})」|"([^"]{2,30})"/g)) {
    const word = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    const start = (m.index ?? 0) + 1;
    if (routes.some((r) => r.start >= start && r.end <= start + word.length)) out.push({ word, start, end: start + word.length });
  }
  return out;
}

/**
 * Phrases of the synonym list that the question holds across several words (不应该 cut 不/应该, 人手不足 cut 人手/不足):
 * each becomes one concept, so the list works whatever the segmenter does. Longest first, aligned with word
 * boundaries, not overlapping.
 */
function synonymPhrases(question: string, routes: SegmentedWord[], synonyms: SynonymTable): SegmentedWord[] {
  const starts = new Set(routes.map((r) => r.start));
  const ends = new Set(routes.map((r) => r.end));
  const found: SegmentedWord[] = [];
  const keys = [...synonyms.keys()].filter((k) => k.length >= 2 && question.includes(k)).sort((a, b) => b.length - a.length);
  for (const key of keys) {
    for (let at = question.indexOf(key); at !== -1; at = question.indexOf(key, at + 1)) {
      const end = at + key.length;
      if (!starts.has(at) || !ends.has(end)) continue;
      if (routes.some((r) => r.start === at && r.end === end)) continue;
      if (found.some((f) => f.start < end && at < f.end)) continue;
      found.push({ word: key, start: at, end });
    }
  }
  return found;
}

/** Detects what the question asks for: a number, a phone number, a date, a person, a list, yes or no… */
export function detectQuestionTypes(normalized: string): QuestionType[] {
  const types: QuestionType[] = [];
  for (const [type, re] of TYPE_PATTERNS) if (re.test(normalized)) types.push(type);
  // 「电话是多少」「哪年几号」: the phone number or the date is the number asked for.
  if (NUMBER_PATTERN.test(normalized.replace(DATE_PHRASES, '')) && !types.includes('phone') && !types.includes('date')) {
    types.push('number');
  }
  if (types.length === 0 || /什么|啥/.test(normalized)) types.push('what');
  return [...new Set(types)];
}

/** Route words of a search-mode cut: tokens not inside a longer token's span. */
function routeWords(tokens: SegmentedWord[]): SegmentedWord[] {
  return tokens.filter(
    (t) => !tokens.some((o) => o !== t && o.start <= t.start && o.end >= t.end && o.end - o.start > t.end - t.start),
  );
}

function isQuestionWord(word: string): boolean {
  return STOP_WORDS.has(word) || /^(几|哪|多少)./.test(word) || /^[的了吗呢吧啊呀么]+$/.test(word);
}

/**
 * Analyses a question against the corpus statistics: detects its types, drops question words, and weighs each
 * remaining word by how rare it is in the corpus.
 *
 * @remarks A word the corpus lacks as a whole but whose dictionary sub-words it has (咨询电话 → 咨询, 电话) counts as
 * those sub-words; a word neither it nor its synonyms occur in counts fully as unknown, which lowers every
 * passage's coverage — that is what lets the robot refuse 「天气」 or 「护照」 questions.
 */
export function analyzeQuestion(
  question: string,
  segmenter: Segmenter,
  stats: TermStatistics,
  synonyms: SynonymTable,
): QuestionAnalysis {
  const normalized = normalizeText(question).replace(/\s+/g, ' ').trim();
  const types = detectQuestionTypes(normalized);
  const measure = MEASURE.exec(normalized)?.[1] ?? null;
  const years = [...normalized.matchAll(YEAR)].map((m) => Number(m[1]));
  const tokens = tokenize(normalized, segmenter);
  const idf = (df: number) => inverseDocumentFrequency(df, stats.passageCount);
  const unknownWeight = idf(0);
  const typeWordOf = (word: string): QuestionType | undefined =>
    types.find((t) => TYPE_WORDS[t]?.includes(word));

  const concepts: Concept[] = [];
  const add = (text: string, start: number, end: number) => {
    if (concepts.some((c) => c.text === text)) return;
    const number = /^[0-9.]+$/.test(text);
    const syn = (synonyms.get(text) ?? []).filter((s) => s !== text);
    const df = stats.docFrequency(text);
    const knownSynonyms = syn.filter((s) => stats.docFrequency(s) > 0);
    const known = df > 0 || knownSynonyms.length > 0;
    let weight = df > 0 ? idf(df) : known ? Math.max(...knownSynonyms.map((s) => idf(stats.docFrequency(s)))) : unknownWeight;
    if (!known && !number) weight *= unknownWordFactor(stats.generalFrequency(text), stats.isFunctionWord?.(text) ?? false);

    // A single character, or a colloquial reduplication (讲讲, 看看), says little.
    const chars = Array.from(text);
    if ((chars.length === 1 || (chars.length === 2 && chars[0] === chars[1])) && !number) weight *= 0.3;
    const typeWord = typeWordOf(text);
    concepts.push({ text, weight, synonyms: syn, known, number, start, end, ...(typeWord ? { typeWord } : {}) });
  };

  const split = routeWords(tokens);
  const routes = mergeUnknownCharacters(split, stats);
  const merged = new Set(routes.filter((r) => !split.includes(r)));
  const phrases = [...quotedPhrases(normalized, routes), ...synonymPhrases(normalized, routes, synonyms)].filter(
    (p, i, all) => !all.slice(0, i).some((q) => q.start < p.end && p.start < q.end),
  );
  routes.forEach((raw, i) => {
    // 「几起因…」 is cut 几/起因: after 几 or 多少, a word that starts with a measure word lends it to the count.
    const afterCount = /^(几|多少)$/.test(routes[i - 1]?.word ?? '') && raw.end - raw.start > 1 && MEASURE_CHAR.test(raw.word);
    const word = afterCount ? { word: raw.word.slice(1), start: raw.start + 1, end: raw.end } : raw;
    if (afterCount && word.end - word.start === 1 && !routes.some((r) => r.word === word.word)) {
      if (!isQuestionWord(word.word)) add(word.word, word.start, word.end);
      return;
    }
    const phrase = phrases.find((p) => p.start <= word.start && word.end <= p.end);
    if (phrase) {
      if (phrase.start === word.start) add(phrase.word, phrase.start, phrase.end);
      return;
    }
    const text = word.word;
    if (isQuestionWord(text)) return;
    // 「2015年」: the year is the number; 年 after it adds nothing. A measure word after 多少/几 is the answer's unit.
    if ((text === '年' || text === '年度') && /^\d+$/.test(routes[i - 1]?.word ?? '')) return;
    if (measure && text === measure && /^(多少|几)$/.test(routes[i - 1]?.word ?? '')) return;
    if (/^[0-9.]+$/.test(text) || Array.from(text).length === 1) {
      add(text, word.start, word.end);
      return;
    }
    const df = stats.docFrequency(text);
    const hasSynonym = (synonyms.get(text) ?? []).some((s) => stats.docFrequency(s) > 0);
    if (df > 0 || hasSynonym || typeWordOf(text) || merged.has(word)) {
      add(text, word.start, word.end);
      return;
    }
    // Unknown compound: count its known sub-words, and whatever they leave uncovered as unknown.
    const knownWord = (w: string) =>
      stats.docFrequency(w) > 0 || (synonyms.get(w) ?? []).some((s) => stats.docFrequency(s) > 0);
    const subs = tokens
      .filter((t) => t !== word && t.start >= word.start && t.end <= word.end && knownWord(t.word))
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const covered = new Array<boolean>(word.end - word.start).fill(false);
    for (const sub of subs) {
      const span = covered.slice(sub.start - word.start, sub.end - word.start);
      if (span.every(Boolean)) continue;
      add(sub.word, sub.start, sub.end);
      for (let k = sub.start; k < sub.end; k++) covered[k - word.start] = true;
    }
    const uncovered = covered.filter((c) => !c).length;
    if (subs.length === 0 || uncovered >= 2) add(text, word.start, word.end);
  });

  // Quoted names, synonym phrases and joined names are whole on purpose: re-cutting them would undo that.
  const whole = new Set([...phrases.map((p) => p.word), ...[...merged].map((m) => m.word)]);
  refineUnknownWords(concepts.filter((c) => !whole.has(c.text)), concepts, normalized, stats, idf, synonyms);

  const searchTerms = new Set<string>();
  for (const c of concepts) {
    for (const term of [c.text, ...c.synonyms]) if (stats.docFrequency(term) > 0) searchTerms.add(term);
  }
  for (const t of tokens) if (!isQuestionWord(t.word) && stats.docFrequency(t.word) > 0) searchTerms.add(t.word);
  return { normalized, types, concepts, years, measure, searchTerms: [...searchTerms] };
}
