// Test helpers: build a corpus's index once per process and hand out engines and apps over it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIndex, segmenterForCorpus, type BuildSummary } from '../../server/build/build-index.js';
import { readConfig, type Config } from '../../server/config.js';
import { createQaEngine, type FaqMatcher, type QaEngine } from '../../server/core/engine.js';
import { loadJiebaDictionary, type JiebaDictionary } from '../../server/core/jieba.js';
import { loadSearchIndex, type SearchIndex } from '../../server/core/search-index.js';
import type { SynonymTable } from '../../server/core/synonyms.js';
import { createApp, type AppDeps } from '../../server/http/app.js';
import { createLogger } from '../../server/http/log.js';
import { readAliases, readSiteSettings, readSynonyms } from '../../server/runtime/node-engine.js';

export const DEFAULT_CORPUS = resolve('corpus');

export interface TestCorpus {
  corpusDir: string;
  summary: BuildSummary;
  index: SearchIndex;
  dictionary: JiebaDictionary;
  synonyms: SynonymTable;
  engine: QaEngine;
}

const built = new Map<string, TestCorpus>();

/** Builds (once per process) and loads the index of a corpus folder. */
export function loadCorpus(corpusDir = DEFAULT_CORPUS, faq?: FaqMatcher): TestCorpus {
  const key = corpusDir;
  let hit = built.get(key);
  if (!hit) {
    const summary = buildIndex({ corpusDir, outDir: mkdtempSync(join(tmpdir(), 'qa-index-')) });
    const index = loadSearchIndex(summary.artifact, segmenterForCorpus(corpusDir));
    const dictionary = loadJiebaDictionary(readFileSync(summary.dictionaryFile, 'utf8'));
    const synonyms = readSynonyms(corpusDir);
    const engine = createQaEngine({ index, dictionary, synonyms, site: readSiteSettings(corpusDir), aliases: readAliases(corpusDir) });
    hit = { corpusDir, summary, index, dictionary, synonyms, engine };
    built.set(key, hit);
  }
  if (!faq) return hit;
  return {
    ...hit,
    engine: createQaEngine({ index: hit.index, dictionary: hit.dictionary, synonyms: hit.synonyms, site: readSiteSettings(corpusDir), aliases: readAliases(corpusDir), faq }),
  };
}

/** The real reports of several agencies and years (test/fixtures/corpus-real), beside the default corpus's report. */
export const REAL_REPORTS = resolve('test/fixtures/corpus-real/reports');

let mixed: string | null = null;

/** A corpus of the default report and the real ones, as a site with many agencies would hold them (once per process). */
export function mixedCorpusDir(): string {
  if (mixed) return mixed;
  const dir = mkdtempSync(join(tmpdir(), 'qa-mixed-'));
  cpSync(DEFAULT_CORPUS, dir, { recursive: true });
  cpSync(REAL_REPORTS, join(dir, 'reports'), { recursive: true });
  mixed = dir;
  return dir;
}

/**
 * Writes a temporary corpus: the given report files, with the default corpus's dictionaries, synonyms and site
 * settings (nodejieba holds one dictionary per process, so test corpora share the default one).
 */
export function makeCorpus(reports: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qa-corpus-'));
  cpSync(join(DEFAULT_CORPUS, 'dict'), join(dir, 'dict'), { recursive: true });
  cpSync(join(DEFAULT_CORPUS, 'synonyms.txt'), join(dir, 'synonyms.txt'));
  cpSync(join(DEFAULT_CORPUS, 'site.json'), join(dir, 'site.json'));
  mkdirSync(join(dir, 'reports'));
  for (const [name, content] of Object.entries(reports)) writeFileSync(join(dir, 'reports', name), content);
  return dir;
}

/** Test configuration: defaults, quiet logs, no rate limit unless asked. */
export function testConfig(env: Record<string, string> = {}): Config {
  return readConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ...env });
}

/** A real app over a corpus (no mocks of Hono): requests go through `app.request(...)`. */
export function testApp(corpus: TestCorpus = loadCorpus(), deps: Partial<AppDeps> = {}) {
  const config = deps.config ?? testConfig();
  return createApp({
    engine: corpus.engine,
    config,
    runtime: 'node',
    site: readSiteSettings(corpus.corpusDir),
    logger: createLogger('silent'),
    ...deps,
  });
}

/** Reads a question fixture file. */
export function readCases(file: string): Array<{ id: string; q: string; expect?: string[]; none?: boolean; invalid?: boolean }> {
  return (JSON.parse(readFileSync(resolve('test/fixtures', file), 'utf8')) as { cases: never[] }).cases;
}

/** The scorer's comparison: whitespace ignored, ASCII , ; : as their full-width forms. */
export function normalizeForScoring(s: string): string {
  return s.replace(/\s+/g, '').replace(/,/g, '，').replace(/;/g, '；').replace(/:/g, '：');
}
