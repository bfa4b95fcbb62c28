// One highly repetitive report in the corpus (a real report's body pasted until the file is 4.6 MB, within the upload
// limit): POST /api/ask through the real app, its repeats indexed once (the default) against every repeat indexed
// (as before), side by side (rounds A B A B, order rotated). Also the passages, artifact size and build time of each.
// Run: `npx tsx bench/repetitive-report.ts [--rounds=6] [--mb=4.6]`. Prints a markdown table for BENCHMARKS.md.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex, segmenterForCorpus, type BuildSummary } from '../server/build/build-index.js';
import { createQaEngine } from '../server/core/engine.js';
import { loadJiebaDictionary } from '../server/core/jieba.js';
import { loadSearchIndex } from '../server/core/search-index.js';
import { createApp } from '../server/http/app.js';
import { createLogger } from '../server/http/log.js';
import { readAliases, readSiteSettings, readSynonyms } from '../server/runtime/node-engine.js';
import { readCases, testConfig } from '../test/helpers/corpus.js';
import { formatBytes, formatMs, formatRatio, median, medianRatio, percentile, rotate } from './stats.js';

const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 6);
const MEGABYTES = Number(process.argv.find((a) => a.startsWith('--mb='))?.slice(5) ?? 4.6);
const SOURCE = 'test/fixtures/corpus-real/reports/pingtan-2020.txt';

/** The default corpus plus the repetitive report: the source's header once, then its body until the file is big. */
function writeCorpus(): { dir: string; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'qa-repetitive-'));
  cpSync('corpus', dir, { recursive: true });
  const source = readFileSync(SOURCE, 'utf8');
  const cut = source.indexOf('\n', source.indexOf('正文')) + 1;
  const [header, body] = [source.slice(0, cut), source.slice(cut)];
  const parts = [header];
  let size = Buffer.byteLength(header);
  while (size < MEGABYTES * 1e6) {
    parts.push(body);
    size += Buffer.byteLength(body);
  }
  const text = parts.join('\n');
  writeFileSync(join(dir, 'reports', 'pingtan-2020-pasted.txt'), text);
  return { dir, bytes: Buffer.byteLength(text) };
}

function appOver(corpusDir: string, summary: BuildSummary) {
  const index = loadSearchIndex(summary.artifact, segmenterForCorpus(corpusDir));
  const dictionary = loadJiebaDictionary(readFileSync(summary.dictionaryFile, 'utf8'));
  const engine = createQaEngine({ index, dictionary, synonyms: readSynonyms(corpusDir), site: readSiteSettings(corpusDir), aliases: readAliases(corpusDir) });
  return createApp({ engine, config: testConfig(), runtime: 'node', site: readSiteSettings(corpusDir), logger: createLogger('silent') });
}

async function ask(app: ReturnType<typeof createApp>, question: string): Promise<{ ms: number; answer: string }> {
  const start = performance.now();
  const res = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  const body = (await res.json()) as { answer?: string };
  return { ms: performance.now() - start, answer: body.answer ?? '' };
}

const { dir, bytes } = writeCorpus();
const sides = (['once', 'every'] as const).map((name) => {
  const started = performance.now();
  const summary = buildIndex({ corpusDir: dir, outDir: mkdtempSync(join(tmpdir(), 'qa-repetitive-index-')), indexRepeats: name === 'every' });
  return { name, summary, buildMs: performance.now() - started, app: appOver(dir, summary), times: [] as number[], rounds: [] as number[] };
});
const questions = [...readCases('dev-questions.json'), ...readCases('real-questions.json')].filter((c) => !c.invalid).map((c) => c.q);

// The engine remembers answers to recurring questions: each round asks them anew, with its own polite opening.
const OPENINGS = ['请问', '你好，', '我想问一下，', '麻烦问下', '您好，请问', '想了解一下，', '咨询一下，', '请教一下，'];
if (ROUNDS > OPENINGS.length) throw new Error(`at most ${OPENINGS.length} rounds`);
// Warm-up: both sides answer every question once as asked (JIT); the answers are compared.
const answers = await Promise.all(sides.map(async (s) => Promise.all(questions.map(async (q) => (await ask(s.app, q)).answer))));
const same = questions.filter((_, i) => answers[0]![i] === answers[1]![i]).length;

for (let round = 0; round < ROUNDS; round++) {
  for (const side of rotate(sides, round)) {
    const times: number[] = [];
    for (const q of questions) times.push((await ask(side.app, `${OPENINGS[round]}${q}`)).ms);
    side.times.push(...times);
    side.rounds.push(median(times));
  }
}

const [once, every] = sides as [(typeof sides)[0], (typeof sides)[0]];
console.log(`Repetitive report: ${formatBytes(bytes)} (${SOURCE}'s body pasted), beside the default corpus; ${questions.length} questions × ${ROUNDS} rounds, load ${loadavg()[0]!.toFixed(2)}\n`);
console.log('| repeats | passages | indexed | artifact | build | ask p50 | ask p95 | ask max |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const s of [every, once]) {
  const label = s.name === 'once' ? 'indexed once (now)' : 'each indexed (before)';
  console.log(
    `| ${label} | ${s.summary.passages.toLocaleString('en')} | ${s.summary.artifact.search.documentCount.toLocaleString('en')} | ${formatBytes(s.summary.bytes)} | ${formatMs(s.buildMs)} | ${formatMs(percentile(s.times, 50))} | ${formatMs(percentile(s.times, 95))} | ${formatMs(Math.max(...s.times))} |`,
  );
}
console.log(`\nMedian per-round ratio before/now (ask p50): ${formatRatio(medianRatio(every.rounds, once.rounds))}; answers identical on ${same} of ${questions.length} questions.`);
