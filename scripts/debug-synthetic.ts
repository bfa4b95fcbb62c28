// Developer tool: builds a synthetic corpus of N reports (bench/synthetic-corpus.ts) and prints how the robot answers
// the generated questions, with the failures (`-v`) or one question's ranking (`-q "问题"`). Not shipped, not a test.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport, syntheticQuestions } from '../bench/synthetic-corpus.js';
import { buildIndex, segmenterForCorpus } from '../server/build/build-index.js';
import { answerFromCorpus } from '../server/core/answer.js';
import { loadJiebaDictionary } from '../server/core/jieba.js';
import { loadSearchIndex } from '../server/core/search-index.js';
import { readSynonyms } from '../server/runtime/node-engine.js';

const args = process.argv.slice(2);
const reports = Number(args.find((a) => /^\d+$/.test(a)) ?? 100);
const verbose = args.includes('-v');
const single = args.includes('-q') ? args[args.indexOf('-q') + 1] : undefined;

const dir = mkdtempSync(join(tmpdir(), 'qa-synthetic-'));
cpSync('corpus/dict', join(dir, 'dict'), { recursive: true });
cpSync('corpus/synonyms.txt', join(dir, 'synonyms.txt'));
mkdirSync(join(dir, 'reports'));
for (let i = 0; i < reports; i++) {
  const r = generateReport(i);
  writeFileSync(join(dir, 'reports', r.file), r.text);
}
const built = buildIndex({ corpusDir: dir, outDir: join(dir, 'index') });
const index = loadSearchIndex(built.artifact, segmenterForCorpus(dir));
const dictionary = loadJiebaDictionary(readFileSync(built.dictionaryFile, 'utf8'));
const synonyms = readSynonyms(dir);

if (single) {
  const a = answerFromCorpus(index, dictionary, single, synonyms);
  console.log(a.matched, a.reason ?? '', a.answer);
  console.log(a.analysis.concepts.map((c) => `${c.text}:${c.weight.toFixed(2)}`).join(' '));
  for (const r of a.ranking) console.log(r.score.toFixed(3), r.coverage.toFixed(2), r.contextCoverage.toFixed(2), index.passages[r.passage]!.text.slice(0, 60));
} else {
  const questions = syntheticQuestions(reports, 60);
  let right = 0;
  for (const q of questions) {
    const a = answerFromCorpus(index, dictionary, q.question, synonyms);
    if (q.expect.some((e) => a.answer.includes(e))) right++;
    else if (verbose) console.log(`FAIL ${q.question} -> ${a.matched} ${a.reason ?? ''} ${a.answer.slice(0, 60)} | ${a.sources[0]?.title ?? ''}`);
  }
  console.log(`${right}/${questions.length} generated questions answered right at ${reports} reports`);
}
