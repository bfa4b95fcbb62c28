// Owns preparing the answering engine on Node: checking the built index against the corpus, rebuilding it when
// missing or stale (or refusing to start), and loading it with nodejieba, the dictionary, synonyms and site settings.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAliases } from '../core/agencies.js';
import type { Config } from '../config.js';
import { artifactPaths, buildIndex, segmenterForCorpus, type BuildSummary } from '../build/build-index.js';
import { corpusPaths, hashCorpus, publishedReportsDir } from '../build/corpus.js';
import { createQaEngine, type FaqMatcher, type QaEngine } from '../core/engine.js';
import { loadJiebaDictionary, type JiebaDictionary } from '../core/jieba.js';
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
): { artifact: IndexArtifact; dictionaryText: string } {
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
  const segmenterId = segmenterForCorpus(corpusDir).id;
  checkManifest(artifact?.manifest, { segmenter: segmenterId, corpusHash: hashCorpus(corpusPaths(corpusDir, publishedDir)) });
  const dictionaryText = readFileSync(paths.dictionary, 'utf8');
  const dictionary = loadJiebaDictionary(dictionaryText);
  if (`jieba-search/${dictionary.hash}` !== segmenterId) {
    throw new IndexMismatchError('the segmentation dictionary does not match the corpus: run `npm run build:index` to rebuild it');
  }
  return { artifact, dictionaryText };
}

/**
 * Prepares the engine over the effective corpus (CORPUS_DIR's reports and those published into DATA_DIR/reports):
 * uses the built index when it is current; otherwise rebuilds it (when `buildOnStart`) or throws IndexMismatchError
 * naming `npm run build:index`.
 */
export function loadCorpusEngine(config: Config, log: Logger, faq?: FaqMatcher): LoadedCorpus {
  const corpusDir = resolve(config.corpusDir);
  const indexDir = resolve(config.indexDir);
  const publishedDir = publishedReportsDir(resolve(config.dataDir));
  let built: BuildSummary | null = null;
  let current: { artifact: IndexArtifact; dictionaryText: string };
  try {
    current = readCurrentArtifacts(corpusDir, indexDir, publishedDir);
  } catch (error) {
    if (!(error instanceof IndexMismatchError) || !config.buildOnStart) throw error;
    log.info('index.rebuild', { reason: error.message });
    built = buildIndex({
      corpusDir,
      publishedDir,
      outDir: indexDir,
      onSkip: (file, reason) => log.warn('index.skip', { file, reason }),
    });
    log.info('index.built', {
      documents: built.documents,
      passages: built.passages,
      vocabulary: built.vocabulary,
      bytes: built.bytes,
      ms: Math.round(built.ms),
    });
    current = { artifact: built.artifact, dictionaryText: readFileSync(built.dictionaryFile, 'utf8') };
  }
  const segmenter = segmenterForCorpus(corpusDir);
  const index = loadSearchIndex(current.artifact, segmenter);
  const dictionary = loadJiebaDictionary(current.dictionaryText);
  const dataDir = resolve(config.dataDir);
  const synonyms = readSynonyms(corpusDir, dataDir);
  const site = readSiteSettings(corpusDir, dataDir);
  const aliases = readAliases(corpusDir, dataDir);
  const engine = createQaEngine({ index, dictionary, synonyms, site, aliases, ...(faq ? { faq } : {}) });
  return { engine, index, dictionary, synonyms, site, aliases, built };
}
