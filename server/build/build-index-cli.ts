// `npm run build:index`: rebuilds the index artifact of CORPUS_DIR into INDEX_DIR, with progress and a summary.
import { resolve } from 'node:path';
import { ConfigError, readConfig } from '../config.js';
import { buildIndex } from './build-index.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

try {
  const config = readConfig(process.env);
  const corpusDir = resolve(config.corpusDir);
  const outDir = resolve(config.indexDir);
  const interactive = process.stderr.isTTY;
  let lastPrint = 0;
  console.log(`building the index of ${corpusDir}`);
  const summary = buildIndex({
    corpusDir,
    outDir,
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
} catch (error) {
  console.error(`build failed: ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
