// `npm run build:index`: rebuilds the index artifact of the effective corpus (CORPUS_DIR's reports and those
// published into DATA_DIR/reports) into INDEX_DIR, with progress and a summary. Run by the report publisher as its
// build child too (QA_BUILD_PARENT set): then it names each report before reading it, and stops when its parent dies.
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, readConfig } from '../config.js';
import { buildIndex, READING_MARK, SUMMARY_MARK } from './build-index.js';
import { publishedReportsDir } from './corpus.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

try {
  const config = readConfig(process.env);
  const corpusDir = resolve(config.corpusDir);
  const publishedDir = publishedReportsDir(resolve(config.dataDir));
  const outDir = resolve(config.indexDir);
  const interactive = process.stderr.isTTY;
  // A child of the publisher: its parent's pid. When the parent dies (even by SIGKILL) the child is handed to
  // another parent, which `process.ppid` (read from the OS each time) shows; the build is synchronous, so it asks
  // between reports and before writing rather than waiting for an event.
  const parent = Number(process.env.QA_BUILD_PARENT ?? 0);
  const parentAlive = () => !parent || process.ppid === parent;
  if (!parentAlive()) process.exit(1);
  let lastPrint = 0;
  console.log(`building the index of ${corpusDir} with the reports published in ${publishedDir}`);
  const summary = buildIndex({
    corpusDir,
    publishedDir,
    outDir,
    shouldContinue: parentAlive,
    // Written synchronously, so the parent sees it even while this build holds the event loop.
    onFile: parent ? (file) => writeSync(1, `${READING_MARK}${file}\n`) : undefined,
    onSkip: (file, reason) => console.warn(`skipped ${file}: ${reason}`),
    onProgress: (p) => {
      const now = Date.now();
      if (p.documentsDone < p.documentsTotal && now - lastPrint < (interactive ? 200 : 2000)) return;
      lastPrint = now;
      const line = `  ${p.documentsDone}/${p.documentsTotal} documents, ${p.passagesDone} passages, ${seconds(p.elapsedMs)} elapsed, ~${seconds(p.remainingMs)} left`;
      if (interactive) process.stderr.write(`\r${line}   `);
      else if (p.documentsTotal > 20) console.log(line);
    },
  });
  if (interactive) process.stderr.write('\n');
  console.log(
    `built ${summary.file}: ${summary.documents} documents, ${summary.passages} passages, ` +
      `${summary.vocabulary} terms, ${(summary.bytes / 1024).toFixed(1)} KiB, ${seconds(summary.ms)}` +
      (summary.skipped.length ? `; ${summary.skipped.length} file(s) skipped` : ''),
  );
  if (parent) {
    const { artifact: _artifact, ...rest } = summary;
    writeSync(1, `${SUMMARY_MARK}${JSON.stringify(rest)}\n`);
  }
} catch (error) {
  console.error(`build failed: ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
