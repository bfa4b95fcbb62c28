// Prepares what the Worker serves (run by wrangler's [build] command): the browser programs, a current index,
// the index, synonyms and site settings as static assets the Worker loads once per isolate, and the segmentation
// dictionary as a file the Worker's bundle includes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { artifactPaths, buildIndex } from '../server/build/build-index.js';
import { corpusPaths, publishedReportsDir } from '../server/build/corpus.js';
import { readConfig } from '../server/config.js';
import { IndexMismatchError } from '../server/core/search-index.js';
import { readCurrentArtifacts } from '../server/runtime/node-engine.js';

const config = readConfig(process.env);
const corpusDir = resolve(config.corpusDir);
const indexDir = resolve(config.indexDir);
// The effective corpus, as the Node server answers from: shipped reports and those published into DATA_DIR.
const publishedDir = publishedReportsDir(resolve(config.dataDir));

const web = spawnSync(process.execPath, ['scripts/build.mjs', 'web'], { stdio: 'inherit' });
if (web.status !== 0) process.exit(web.status ?? 1);

try {
  readCurrentArtifacts(corpusDir, indexDir, publishedDir);
} catch (error) {
  if (!(error instanceof IndexMismatchError)) throw error;
  console.log(`building the index: ${error.message}`);
  const summary = buildIndex({ corpusDir, publishedDir, outDir: indexDir, onSkip: (file, reason) => console.warn(`skipped ${file}: ${reason}`) });
  console.log(`built ${summary.documents} documents, ${summary.passages} passages`);
}

const out = join('dist', 'public', '_index');
mkdirSync(out, { recursive: true });
const built = artifactPaths(indexDir);
copyFileSync(built.index, join(out, 'index.json'));
// The dictionary goes into the Worker's bundle as a Data module (server/runtime/worker.ts imports it): an isolate
// would otherwise read 4 MB of assets before its first answer.
mkdirSync(join('dist', 'worker'), { recursive: true });
copyFileSync(built.dictionary, join('dist', 'worker', 'dictionary.bin'));
const corpus = corpusPaths(corpusDir);
if (existsSync(corpus.synonyms)) copyFileSync(corpus.synonyms, join(out, 'synonyms.txt'));
else writeFileSync(join(out, 'synonyms.txt'), '');
const aliases = join(corpus.root, 'aliases.txt');
if (existsSync(aliases)) copyFileSync(aliases, join(out, 'aliases.txt'));
else writeFileSync(join(out, 'aliases.txt'), '');
if (existsSync(corpus.site)) copyFileSync(corpus.site, join(out, 'site.json'));
else writeFileSync(join(out, 'site.json'), '{}');
console.log(`worker assets ready in ${out}`);
