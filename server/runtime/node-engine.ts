// Owns preparing the answering engine on Node: checking the built index against the corpus, rebuilding it in a child
// process when missing or stale (or refusing to start), and loading it with the segmenter of its dictionary, the
// synonyms and site settings. nodejieba is loaded only by the build child, never by the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAliases } from '../core/agencies.js';
import type { Config } from '../config.js';
import { artifactPaths, segmenterForCorpus, segmenterIdForCorpus, SUMMARY_MARK, type BuildSummary } from '../build/build-index.js';
import { corpusPaths, hashCorpus, publishedReportsDir } from '../build/corpus.js';
import { createQaEngine, type FaqMatcher, type QaEngine } from '../core/engine.js';
import { createJiebaSegmenter, loadJiebaDictionary, type JiebaDictionary } from '../core/jieba.js';
import type { Segmenter } from '../core/tokenize.js';
import { childEntry } from './child-entry.js';
import { normalizeText } from '../core/normalize.js';
import { checkManifest, IndexMismatchError, loadSearchIndex, type IndexArtifact, type SearchIndex } from '../core/search-index.js';
import { parseSynonyms, type SynonymTable } from '../core/synonyms.js';
import { parseSiteSettings, type SiteSettings } from '../http/pages.js';
import type { Logger } from '../http/log.js';
import { readEffectiveFile, readEffectiveSiteData } from './site-data-files.js';

/** Everything the Node server answers with. */
export interface LoadedCorpus {
  engine: QaEngine;
  index: SearchIndex;
  dictionary: JiebaDictionary;
  synonyms: SynonymTable;
  site: SiteSettings;
  aliases: Map<string, string[]>;
  /** The build run at start-up, or null when the existing artifact was current. */
  built: BuildSummary | null;
}

/**
 * Reads the effective `site.json`: the corpus's, with the staff's overlay in DATA_DIR (when `dataDir` is given);
 * defaults when absent.
 */
export function readSiteSettings(corpusDir: string, dataDir: string | null = null): SiteSettings {
  const fallback: SiteSettings = { siteName: '政府网站', hotQuestions: [] };
  return parseSiteSettings(readEffectiveSiteData(corpusDir, dataDir), fallback);
}

/** Reads the effective `aliases.txt`: staff's other names for agencies (DATA_DIR's overlay, else the corpus's; empty when absent). */
export function readAliases(corpusDir: string, dataDir: string | null = null): Map<string, string[]> {
  return parseAliases(readEffectiveFile('aliases', corpusDir, dataDir).text);
}

/** Reads the effective synonym list (DATA_DIR's overlay, else the corpus's; empty when absent). */
export function readSynonyms(corpusDir: string, dataDir: string | null = null): SynonymTable {
  return parseSynonyms(readEffectiveFile('synonyms', corpusDir, dataDir).text, normalizeText);
}

/**
 * Reads the built artifacts and checks them against the effective corpus (the shipped reports and those published
 * into `publishedDir`) and the code.
 *
 * @throws IndexMismatchError (naming `npm run build:index`) when they are missing, corrupted or stale.
 */
export function readCurrentArtifacts(
  corpusDir: string,
  indexDir: string,
  publishedDir: string | null = null,
): { artifact: IndexArtifact; dictionaryBytes: Uint8Array } {
  const paths = artifactPaths(indexDir);
  if (!existsSync(paths.index) || !existsSync(paths.dictionary)) {
    throw new IndexMismatchError(`no index at ${paths.index}: run \`npm run build:index\` to build it`);
  }
  let artifact: IndexArtifact;
  try {
    artifact = JSON.parse(readFileSync(paths.index, 'utf8')) as IndexArtifact;
  } catch {
    throw new IndexMismatchError(`the index at ${paths.index} is corrupted (not JSON): run \`npm run build:index\` to rebuild it`);
  }
  const segmenterId = segmenterIdForCorpus(corpusDir);
  checkManifest(artifact?.manifest, { segmenter: segmenterId, corpusHash: hashCorpus(corpusPaths(corpusDir, publishedDir)) });
  const dictionaryBytes = readFileSync(paths.dictionary);
  let dictionary: ReturnType<typeof loadJiebaDictionary>;
  try {
    dictionary = loadJiebaDictionary(dictionaryBytes);
  } catch (error) {
    throw new IndexMismatchError((error as Error).message);
  }
  if (`jieba-search/${dictionary.hash}` !== segmenterId) {
    throw new IndexMismatchError('the segmentation dictionary does not match the corpus: run `npm run build:index` to rebuild it');
  }
  return { artifact, dictionaryBytes };
}

const BUILD_CLI = childEntry('../build/build-index-cli.ts', import.meta.url);

/**
 * Builds the index of the effective corpus into `indexDir` in a child process (the build CLI), waiting for it; the
 * child loads nodejieba, so this process never holds its dictionary.
 *
 * @throws Error with the build's last message when it fails.
 */
export function buildIndexInChild(corpusDir: string, dataDir: string, indexDir: string, log: Logger): BuildSummary {
  const result = spawnSync(process.execPath, [...BUILD_CLI.execArgv, BUILD_CLI.file], {
    env: { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: dataDir, INDEX_DIR: indexDir, QA_BUILD_PARENT: String(process.pid) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = `${result.stdout ?? ''}`.split('\n');
  for (const line of `${result.stderr ?? ''}`.split('\n')) {
    const skip = /^skipped (.+?): (.*)$/.exec(line);
    if (skip) log.warn('index.skip', { file: skip[1], reason: skip[2] });
  }
  const summary = lines.find((l) => l.startsWith(SUMMARY_MARK));
  if (result.status !== 0 || !summary) {
    const last = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().split('\n').filter(Boolean).at(-1);
    throw new Error(last ?? `the index build exited with ${result.status ?? result.signal}`);
  }
  const built = JSON.parse(summary.slice(SUMMARY_MARK.length)) as Omit<BuildSummary, 'artifact'>;
  return { ...built, artifact: JSON.parse(readFileSync(built.file, 'utf8')) as IndexArtifact };
}

/** Which segmenter answers questions: the TypeScript port over the index's dictionary (default), or nodejieba. */
export type QuestionSegmenter = 'typescript' | 'nodejieba';

/**
 * Prepares the engine over the effective corpus (CORPUS_DIR's reports and those published into DATA_DIR/reports):
 * uses the built index when it is current; otherwise rebuilds it in a child process (when `buildOnStart`) or throws
 * IndexMismatchError naming `npm run build:index`.
 *
 * @remarks Questions are segmented by default with the TypeScript port of jieba (server/core/jieba.ts, proven to cut
 * like nodejieba by test/core/segmentation.test.ts) over the dictionary built beside the index: nodejieba holds its
 * dictionary twice (about 240 MB), the port about the dictionary's text (BENCHMARKS.md, memory). `nodejieba` is kept
 * for the memory benchmark's comparison.
 */
export function loadCorpusEngine(config: Config, log: Logger, faq?: FaqMatcher, questionSegmenter: QuestionSegmenter = 'typescript'): LoadedCorpus {
  const corpusDir = resolve(config.corpusDir);
  const indexDir = resolve(config.indexDir);
  const dataDir = resolve(config.dataDir);
  const publishedDir = publishedReportsDir(dataDir);
  let built: BuildSummary | null = null;
  let current: { artifact: IndexArtifact; dictionaryBytes: Uint8Array };
  try {
    current = readCurrentArtifacts(corpusDir, indexDir, publishedDir);
  } catch (error) {
    if (!(error instanceof IndexMismatchError) || !config.buildOnStart) throw error;
    log.info('index.rebuild', { reason: error.problem });
    built = buildIndexInChild(corpusDir, dataDir, indexDir, log);
    log.info('index.built', {
      documents: built.documents,
      passages: built.passages,
      vocabulary: built.vocabulary,
      bytes: built.bytes,
      ms: Math.round(built.ms),
    });
    current = { artifact: built.artifact, dictionaryBytes: readFileSync(built.dictionaryFile) };
  }
  const dictionary = loadJiebaDictionary(current.dictionaryBytes);
  const segmenter: Segmenter = questionSegmenter === 'nodejieba' ? segmenterForCorpus(corpusDir) : createJiebaSegmenter(dictionary);
  const index = loadSearchIndex(current.artifact, segmenter);

  const synonyms = readSynonyms(corpusDir, dataDir);
  const site = readSiteSettings(corpusDir, dataDir);
  const aliases = readAliases(corpusDir, dataDir);
  const engine = createQaEngine({ index, dictionary, synonyms, site, aliases, ...(faq ? { faq } : {}) });
  return { engine, index, dictionary, synonyms, site, aliases, built };
}
