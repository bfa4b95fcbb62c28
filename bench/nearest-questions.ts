// `npx tsx bench/nearest-questions.ts [--rounds=5]`: the questions offered with an "I don't know" on the fixture
// question sets, before (known phrasings sharing characters, else the hot questions) and now
// (server/core/nearest-questions.ts): how many refusals get a near suggestion, how many suggestions are answered when
// asked, how many share a content word with the question; and what a refusal costs, the two timed side by side.
import { readFileSync } from 'node:fs';
import type { CorpusAnswer } from '../server/core/answer.js';
import { createQaEngine, type QaEngine } from '../server/core/engine.js';
import { contentWords, createAnswerabilityCache, findNearestQuestions, type AnswerabilityCache } from '../server/core/nearest-questions.js';
import { mergeHotQuestions } from '../server/core/related.js';
import { suggestQuestions } from '../server/core/suggest.js';
import { readAliases, readSiteSettings } from '../server/runtime/node-engine.js';
import { loadCorpus, mixedCorpusDir, type TestCorpus } from '../test/helpers/corpus.js';
import { staffHarness } from '../test/helpers/staff.js';
import { FIXTURE_FILES, readQuestions, REAL_FILE, type QuestionFile } from './fixtures.js';
import { formatMs, formatRatio, medianRatio, percentile } from './stats.js';

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5);

// The staff FAQ of the fixtures, imported as staff would: its phrasings join the hot questions in the pool.
const harness = staffHarness();
const fixtureFaq = JSON.parse(readFileSync('test/fixtures/faq-entries.json', 'utf8')) as { entries: Array<{ question: string; alternatives: string[]; answer: string }> };
const imported = await harness.admin('/api/admin/faq/import', { method: 'POST', json: { entries: fixtureFaq.entries.map(({ question, alternatives, answer }) => ({ question, alternatives, answer })) } });
if (imported.status !== 200) throw new Error(`FAQ import answered ${imported.status}`);

interface Site {
  name: string;
  corpus: TestCorpus;
  files: readonly QuestionFile[];
  hot: string[];
  pool: string[];
  /** A fresh engine (its own memo of answers) over the site's index, with the FAQ. */
  engine(): QaEngine;
}

async function site(name: string, corpus: TestCorpus, files: readonly QuestionFile[]): Promise<Site> {
  const settings = readSiteSettings(corpus.corpusDir);
  const hot = mergeHotQuestions(await harness.faq.hotQuestions(), settings.hotQuestions);
  return {
    name,
    corpus,
    files,
    hot,
    pool: [...hot, ...(await harness.faq.suggestionPool())],
    engine: () =>
      createQaEngine({
        index: corpus.index,
        dictionary: corpus.dictionary,
        synonyms: corpus.synonyms,
        site: settings,
        aliases: readAliases(corpus.corpusDir),
        faq: (q) => harness.faq.match(q),
      }),
  };
}

/** Before this change: known phrasings sharing characters, else the first of the pool (the hot questions). */
function suggestBefore(s: Site, question: string): string[] {
  const close = suggestQuestions(question, s.pool, 3);
  return close.length > 0 ? close : s.pool.slice(0, 3);
}

async function suggestNow(s: Site, engine: QaEngine, cache: AnswerabilityCache, question: string, corpus: CorpusAnswer | null): Promise<{ questions: string[]; near: boolean }> {
  const isAnswerable = async (q: string) => (await engine.answer(q)).response.matched !== 'none';
  const found = await findNearestQuestions(engine.index, { question, corpus, placeKey: '' }, s.pool, isAnswerable, cache);
  return found.questions.length > 0 ? { questions: found.questions, near: true } : { questions: s.hot.slice(0, 3), near: false };
}

interface Tally {
  refusals: number;
  withNear: number;
  suggestions: number;
  answerable: number;
  sharing: number;
  hot: number;
}

const emptyTally = (): Tally => ({ refusals: 0, withNear: 0, suggestions: 0, answerable: 0, sharing: 0, hot: 0 });

async function measureQuality(s: Site) {
  const engine = s.engine();
  const judge = s.engine();
  const cache = createAnswerabilityCache();
  const before = emptyTally();
  const now = emptyTally();
  const refused: Array<{ question: string; corpus: CorpusAnswer | null }> = [];
  for (const q of readQuestions(s.files)) {
    const result = await engine.answer(q.question);
    if (result.response.matched !== 'none') continue;
    refused.push({ question: q.question, corpus: result.corpus });
    const words = contentWords(result.corpus);
    const tally = async (t: Tally, questions: string[], near: boolean) => {
      t.refusals++;
      if (near) t.withNear++;
      for (const x of questions) {
        t.suggestions++;
        if (s.hot.includes(x)) t.hot++;
        if ((await judge.answer(x)).response.matched !== 'none') t.answerable++;
        if (words.some((w) => x.includes(w))) t.sharing++;
      }
    };
    const old = suggestBefore(s, q.question);
    // "Near" before: a phrasing sharing characters was found (else the hot questions were given).
    await tally(before, old, suggestQuestions(q.question, s.pool, 3).length > 0);
    const found = await suggestNow(s, engine, cache, q.question, result.corpus);
    await tally(now, found.questions, found.near);
  }
  return { before, now, refused };
}

/** p50 of a refusal (the engine's answer, then the suggestions), before and now, rounds interleaved A B A B. */
async function measureCost(s: Site, refused: Array<{ question: string }>) {
  const p50 = { before: [] as number[], cold: [] as number[], warm: [] as number[] };
  const p90 = { before: [] as number[], cold: [] as number[], warm: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of ['before', 'cold', 'warm'] as const) {
      // A fresh engine per variant and round: its memo of answers is empty, as after a restart.
      const engine = s.engine();
      const cache = createAnswerabilityCache();
      if (variant === 'warm') for (const r of refused) await suggestNow(s, engine, cache, r.question, (await engine.answer(r.question)).corpus);
      const times: number[] = [];
      for (const r of refused) {
        // Each round asks anew with a polite opening the engine memo does not know (the cache key drops it).
        const question = `${'请问'.repeat(round + 1)}${r.question}`;
        const started = performance.now();
        const result = await engine.answer(question);
        if (variant === 'before') suggestBefore(s, question);
        else await suggestNow(s, engine, cache, question, result.corpus);
        times.push(performance.now() - started);
      }
      p50[variant].push(percentile(times, 50));
      p90[variant].push(percentile(times, 90));
    }
  }
  return { p50, p90 };
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(0)}%`);
const rows: string[] = [];
const costs: string[] = [];
const sites = [await site('default corpus', loadCorpus(), FIXTURE_FILES), await site('mixed corpus (real pages)', loadCorpus(mixedCorpusDir()), [REAL_FILE])];
for (const s of sites) {
  const { before, now, refused } = await measureQuality(s);
  for (const [label, t] of [['before', before], ['now', now]] as const) {
    rows.push(
      `| ${s.name} | ${label} | ${t.refusals} | ${t.withNear} (${pct(t.withNear, t.refusals)}) | ${t.suggestions} | ${pct(t.answerable, t.suggestions)} | ${pct(t.sharing, t.suggestions)} | ${t.hot} |`,
    );
  }
  const cost = await measureCost(s, refused);
  const med = (xs: number[]) => percentile(xs, 50);
  for (const [label, p] of [['p50', cost.p50], ['p90', cost.p90]] as const) {
    costs.push(
      `| ${s.name} | ${label} | ${refused.length} | ${formatMs(med(p.before))} | ${formatMs(med(p.cold))} | ${formatMs(med(p.warm))} | ${formatRatio(medianRatio(p.cold, p.before))} | ${formatRatio(medianRatio(p.warm, p.before))} |`,
    );
  }
}
console.log('| site | suggestions | refusals | with ≥1 near suggestion | suggestions | answered when asked | share a content word | hot questions among them |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
console.log('');
console.log(`| site | per refusal | refusals | before | now, first time | now, asked again | first time ÷ before | again ÷ before |`);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const c of costs) console.log(c);
await harness.store.close();
