// Owns the Node build of the index artifact from a corpus folder: ingest, segment with nodejieba, write atomically.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadJiebaDictionary } from '../core/jieba.js';
import { ingestReport } from '../core/report-ingest.js';
import { buildIndexArtifact, type CorpusInput, type IndexArtifact } from '../core/search-index.js';
import { createNodeSegmenter, segmenterIdFor, serializeDictionaries } from '../runtime/node-segmenter.js';
import { corpusPaths, describeSlugClash, findSlugClash, hashCorpus, listEffectiveReports, listUserDictionaries, readReport } from './corpus.js';

/** Progress of a build, reported after each document. */
export interface BuildProgress {
  documentsDone: number;
  documentsTotal: number;
  passagesDone: number;
  elapsedMs: number;
  /** Estimated time left, from the pace so far. */
  remainingMs: number;
}

/** What a build did. */
export interface BuildSummary {
  /** The index artifact. */
  file: string;
  /** The serialized segmentation dictionary written beside it. */
  dictionaryFile: string;
  documents: number;
  passages: number;
  vocabulary: number;
  bytes: number;
  ms: number;
  skipped: Array<{ file: string; reason: string }>;
  artifact: IndexArtifact;
}

export interface BuildOptions {
  /** The shipped corpus (CORPUS_DIR): reports, dictionaries, synonyms, site settings. */
  corpusDir: string;
  /** The reports staff published (`DATA_DIR/reports`, see publishedReportsDir), or none. */
  publishedDir?: string | null;
  /** Folder the artifacts go to: `index.json` and `dictionary.txt`. */
  outDir: string;
  onProgress?: (progress: BuildProgress) => void;
  onSkip?: (file: string, reason: string) => void;
  /** Called before each report is read, with its name. */
  onFile?: (file: string) => void;
  /** Asked before each report and before writing; false stops the build with an error (its caller went away). */
  shouldContinue?: () => boolean;
  /** See {@link CorpusInput.indexRepeats}: for the benchmark of a repetitive report only. */
  indexRepeats?: boolean;
}

/** Starts the line a build child (build-index-cli.ts under the publisher) writes before reading a report: `@reading <name>`. */
export const READING_MARK = '@reading ';

/** Starts the last line a build child writes on success: `@built ` and the summary as JSON (without the artifact). */
export const SUMMARY_MARK = '@built ';

/** Thrown when {@link BuildOptions.shouldContinue} said no. */
export class BuildCancelledError extends Error {
  override name = 'BuildCancelledError';
}

/** The segmenter a corpus's index is built with: nodejieba with the corpus's user dictionaries. */
export function segmenterForCorpus(corpusDir: string) {
  return createNodeSegmenter(listUserDictionaries(corpusPaths(corpusDir)));
}

/** The id of {@link segmenterForCorpus}'s segmenter (what index manifests record), without loading nodejieba. */
export function segmenterIdForCorpus(corpusDir: string): string {
  return segmenterIdFor(listUserDictionaries(corpusPaths(corpusDir)));
}

/** Where a build writes its artifacts. */
export function artifactPaths(outDir: string) {
  return { index: join(outDir, 'index.json'), dictionary: join(outDir, 'dictionary.txt') };
}

function writeAtomically(file: string, data: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Builds the index artifact of a corpus folder and writes it, with the segmentation dictionary, to `outDir`
 * (temporary file, then rename, so readers never see half a file). Unreadable, empty or binary files are skipped with their reason.
 * The reports are the effective corpus (listEffectiveReports): the shipped ones and those published into `publishedDir`.
 *
 * @throws Error when no document could be read (an empty index would answer nothing), or when two reports would have
 * the same slug (naming both).
 */
export function buildIndex(options: BuildOptions): BuildSummary {
  const started = performance.now();
  const paths = corpusPaths(options.corpusDir, options.publishedDir ?? null);
  const files = listEffectiveReports(paths);
  const clash = findSlugClash(files.map((f) => f.name));
  if (clash) throw new Error(describeSlugClash(clash));
  const goOn = () => {
    if (options.shouldContinue && !options.shouldContinue()) throw new BuildCancelledError('the build was stopped: the process that asked for it is gone');
  };
  const segmenter = segmenterForCorpus(options.corpusDir);
  // The dictionary's place names tell where an agency's name starts in running text (「严格执行襄阳市…」).
  const dictionaryText = serializeDictionaries(listUserDictionaries(paths));
  const places = loadJiebaDictionary(dictionaryText);
  const skipped: BuildSummary['skipped'] = [];
  const input: CorpusInput = { documents: [], corpusHash: hashCorpus(paths), ...(options.indexRepeats ? { indexRepeats: true } : {}) };
  let passages = 0;
  files.forEach((file, i) => {
    goOn();
    options.onFile?.(file.name);
    const result = readReport(file.path, file.dir);
    if (!result.ok) {
      skipped.push({ file: result.file, reason: result.reason });
      options.onSkip?.(result.file, result.reason);
    } else {
      const report = ingestReport(result.document, places);
      passages += report.passages.length;
      input.documents.push({
        meta: { ...report.meta, slug: result.slug, file: result.file, agency: report.agency },
        passages: report.passages,
        tables: report.tables,
      });
    }
    const elapsedMs = performance.now() - started;
    options.onProgress?.({
      documentsDone: i + 1,
      documentsTotal: files.length,
      passagesDone: passages,
      elapsedMs,
      remainingMs: (elapsedMs / (i + 1)) * (files.length - i - 1),
    });
  });
  if (input.documents.length === 0) {
    throw new Error(
      `no readable report in ${paths.reports}${paths.published ? ` or ${paths.published}` : ''}` +
        (skipped.length ? ` (skipped: ${skipped.map((s) => `${s.file}: ${s.reason}`).join('; ')})` : '') +
        ': add .txt, .html or .md files there',
    );
  }
  const artifact = buildIndexArtifact(input, segmenter);
  const json = JSON.stringify(artifact);
  goOn();
  const out = artifactPaths(options.outDir);
  writeAtomically(out.dictionary, dictionaryText);
  writeAtomically(out.index, json);
  return {
    file: out.index,
    dictionaryFile: out.dictionary,
    documents: artifact.documents.length,
    passages: artifact.manifest.passages,
    vocabulary: artifact.manifest.terms,
    bytes: Buffer.byteLength(json),
    ms: performance.now() - started,
    skipped,
    artifact,
  };
}
