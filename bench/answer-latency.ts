// Owns a focused latency measurement: in-process answer p50/p99 of one checkout over one built index (the scale
// bench's method, without building corpora), so two checkouts can be compared in alternating fresh processes.
//
//   node --import tsx bench/answer-latency.ts <corpusDir> <indexDir> [questions=200] [rounds=5]
import { resolve } from 'node:path';
import { answerFromCorpus } from '../server/core/answer.js';
import { readConfig } from '../server/config.js';
import { createLogger } from '../server/http/log.js';
import { loadCorpusEngine } from '../server/runtime/node-engine.js';
import { percentile } from './stats.js';
import { syntheticQuestions } from './synthetic-corpus.js';

const [corpusDir, indexDir, count = '200', roundsText = '5'] = process.argv.slice(2);
const loaded = loadCorpusEngine(readConfig({ CORPUS_DIR: resolve(corpusDir!), INDEX_DIR: resolve(indexDir!), BUILD_ON_START: '0', LOG_LEVEL: 'silent' }), createLogger('silent'));
const questions = syntheticQuestions(loaded.index.documents.length, Number(count)).map((q) => q.question);
const ask = (q: string) => answerFromCorpus(loaded.index, loaded.dictionary, q, loaded.synonyms);
const answers = questions.map((q) => `${ask(q).matched}:${ask(q).answer}`);
const samples: number[] = [];
for (let round = 0; round < Number(roundsText); round++) {
  for (const q of questions) {
    const start = performance.now();
    ask(q);
    samples.push(performance.now() - start);
  }
}
let hash = 0;
for (const a of answers.join('\n')) hash = (hash * 31 + a.codePointAt(0)!) | 0;
console.log(JSON.stringify({ p50Ms: percentile(samples, 50), p90Ms: percentile(samples, 90), p95Ms: percentile(samples, 95), p99Ms: percentile(samples, 99), answersHash: hash }));
