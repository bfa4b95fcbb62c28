// `npx tsx bench/clarify.ts`: chooses the asking-back ratio (server/core/clarify.ts) on the fixture question sets.
// For each ratio: how many answerable questions would be asked back, how many of those had the right answer first
// (asked back needlessly), how many had it only in the second choice (rescued), and how many would lose it (the
// right answer in no choice where it was the answer before: must be 0).
import { findClarification } from '../server/core/clarify.js';
import { loadCorpus, mixedCorpusDir, readCases, type TestCorpus } from '../test/helpers/corpus.js';
import { containsExpected, FIXTURE_FILES } from './fixtures.js';

const RATIOS = [0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 1];

interface Case {
  set: string;
  q: string;
  expect: string[];
}

async function measure(corpus: TestCorpus, cases: Case[]) {
  const rows = RATIOS.map((ratio) => ({ ratio, askedBack: 0, needless: 0, rescued: 0, lost: 0 }));
  let answerable = 0;
  for (const c of cases) {
    const result = await corpus.engine.answer(c.q);
    if (!result.corpus || result.corpus.matched !== 'corpus') continue;
    answerable++;
    const right = containsExpected(result.response.answer, c.expect);
    for (const row of rows) {
      const clarify = findClarification(corpus.engine.index, result.corpus, row.ratio);
      if (!clarify) continue;
      row.askedBack++;
      const inChoices = clarify.choices.some((ch) => containsExpected(ch.answer, c.expect));
      if (right) row.needless++;
      else if (inChoices) row.rescued++;
      if (right && !inChoices) row.lost++;
    }
  }
  return { answerable, rows };
}

const answerableCases = (files: readonly string[]): Case[] =>
  files.flatMap((set) => readCases(set).filter((c) => !c.invalid && !c.none && c.expect?.length).map((c) => ({ set, q: c.q, expect: c.expect! })));

const runs: Array<[string, TestCorpus, Case[]]> = [
  ['default corpus, all sets', loadCorpus(), answerableCases(FIXTURE_FILES)],
  ['real reports (mixed corpus)', loadCorpus(mixedCorpusDir()), answerableCases(['real-questions.json'])],
];
for (const [name, corpus, cases] of runs) {
  const { answerable, rows } = await measure(corpus, cases);
  console.log(`\n${name}: ${cases.length} questions with an expected answer, ${answerable} answered from the reports`);
  console.log('| ratio | asked back | right answer first (needless) | right answer only second (rescued) | right answer lost |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.ratio} | ${r.askedBack} | ${r.needless} | ${r.rescued} | ${r.lost} |`);
}
