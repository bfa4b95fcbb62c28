// Developer tool: builds the index in process and prints the ranking for questions (dev loop, not shipped).
import { readFileSync } from 'node:fs';
import { buildIndex, segmenterForCorpus } from '../server/build/build-index.js';
import { loadSearchIndex } from '../server/core/search-index.js';
import { answerFromCorpus } from '../server/core/answer.js';
import { parseSynonyms } from '../server/core/synonyms.js';
import { normalizeText } from '../server/core/normalize.js';
import { loadJiebaDictionary } from '../server/core/jieba.js';

const corpus = process.env.CORPUS_DIR ?? 'corpus';
const summary = buildIndex({ corpusDir: corpus, outDir: '/tmp/debug-index' });
const dictionary = loadJiebaDictionary(readFileSync(summary.dictionaryFile, 'utf8'));
const index = loadSearchIndex(summary.artifact, segmenterForCorpus(corpus));
const synonyms = parseSynonyms(readFileSync(`${corpus}/synonyms.txt`, 'utf8'), normalizeText);
const args = process.argv.slice(2);
const verbose = args.includes('-v');
const files = args.filter((a) => a.endsWith('.json'));
const questions: Array<{ id: string; q: string; expect?: string[]; none?: boolean; invalid?: boolean }> = files.length
  ? files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')).cases)
  : args.filter((a) => a !== '-v').map((q, i) => ({ id: `q${i}`, q }));
const norm = (s: string) => s.replace(/\s+/g, '').replace(/,/g, '，').replace(/;/g, '；').replace(/:/g, '：');
let pass = 0, total = 0;
for (const c of questions) {
  if (c.invalid) continue;
  total++;
  const a = answerFromCorpus(index, dictionary, c.q, synonyms);
  const ok = c.none ? a.matched !== 'corpus' : c.expect ? c.expect.some((e) => norm(a.answer).includes(norm(e))) : true;
  if (ok) pass++;
  if (!ok || verbose || !files.length) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.id} ${c.q} [${a.analysis.types}] -> ${a.matched} ${a.reason ?? ''} ${a.answer.slice(0, 90)}`);
    console.log('     concepts:', a.analysis.concepts.map((k) => `${k.text}:${k.weight.toFixed(2)}${k.typeWord ? '*' : ''}${k.known ? '' : '?'}`).join(' '));
    for (const r of a.ranking.slice(0, 3)) console.log(`     ${r.score.toFixed(3)} cov ${r.coverage.toFixed(2)} ctx ${r.contextCoverage.toFixed(2)} type ${r.typeFit.toFixed(2)} ret ${r.retrieval.toFixed(2)} | ${index.passages[r.passage]!.text.slice(0, 50)}`);
  }
}
console.log(`${pass}/${total}`);
