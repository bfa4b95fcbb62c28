// Owns publishing reports on Node without a developer: preview an upload, add/replace/remove report files, rebuild
// the index in a child process, and swap it in atomically (the old index serves until the new one is ready).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPaths } from '../build/build-index.js';
import { corpusPaths, decodeText, slugOf } from '../build/corpus.js';
import type { SourceFormat } from '../core/document.js';
import { hasBody, parseDocument } from '../core/document.js';
import { splitIntoPassages } from '../core/passages.js';
import type { IndexArtifact, SearchIndex } from '../core/search-index.js';
import type { AdminPublishStatus, AdminReport, AdminReportPreview } from '../contract.js';
import { reportsOf, type PublishOutcome, type ReportPublisher, type ReportUpload } from '../http/report-routes.js';

export type { PublishOutcome, ReportPublisher, ReportUpload };

/** Builds the index of `corpusDir` into `outDir`; rejects with the build's message on failure. */
export type BuildRunner = (corpusDir: string, outDir: string) => Promise<void>;

export interface PublisherOptions {
  corpusDir: string;
  indexDir: string;
  /** Current index (for the list and slugs). */
  index: () => SearchIndex;
  /** Loads a freshly built artifact and makes every later question use it. */
  activate: (artifact: IndexArtifact) => void;
  /** How to build; default: `npm run build:index`'s CLI in a child process, so the server keeps answering. */
  runBuild?: BuildRunner;
}

/** Largest upload accepted, per file. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;
const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.html': 'html', '.htm': 'html', '.md': 'md' };

const CLI = fileURLToPath(new URL('../build/build-index-cli.ts', import.meta.url));

/** The default build: the index CLI in a child process (nodejieba is synchronous; the server must not block). */
export const runBuildInChild: BuildRunner = (corpusDir, outDir) =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
      env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(output.trim().split('\n').filter(Boolean).at(-1) ?? `the index build exited with ${code}`));
    });
  });

/** Checks an upload's file name: a plain name with a supported extension, nothing that could leave `reports/`. */
export function checkUploadName(name: string): string | null {
  const base = basename(name);
  if (base !== name || !name || name.startsWith('.')) return 'the file name must be a plain name, without folders';
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,120}$/u.test(name)) return 'use letters, digits, dots, dashes and underscores in the file name';
  if (!FORMATS[extname(name).toLowerCase()]) return 'only .txt, .html, .htm and .md files can be published';
  return null;
}

function readUpload(upload: ReportUpload) {
  const problem = checkUploadName(upload.name);
  if (problem) throw new Error(problem);
  if (upload.bytes.length > MAX_REPORT_BYTES) throw new Error(`the file is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB`);
  const format = FORMATS[extname(upload.name).toLowerCase()]!;
  const document = parseDocument(decodeText(upload.bytes, format), format, upload.meta ?? {}, { fileName: upload.name });
  if (!hasBody(document)) throw new Error('no body text was found after removing the page chrome');
  return document;
}

/** Creates the publisher over a corpus folder and its index folder. */
export function createReportPublisher(options: PublisherOptions): ReportPublisher {
  const corpusDir = resolve(options.corpusDir);
  const indexDir = resolve(options.indexDir);
  const reportsDir = corpusPaths(corpusDir).reports;
  const runBuild = options.runBuild ?? runBuildInChild;
  const state: AdminPublishStatus = { building: false, startedAt: null, last: null };

  const sidecarOf = (file: string) => file.replace(/\.[^.]+$/, '.meta.json');

  /**
   * Rebuilds into a staging copy of the corpus with `change` applied; only when that build succeeds are the
   * files moved into the real corpus and the new index swapped in. Staging sits beside the index folder so the
   * final moves are renames on one file system.
   */
  async function rebuild(change: (stagingReports: string) => void, commit: () => void): Promise<PublishOutcome> {
    if (state.building) return { ok: false, status: 409, code: 'busy', error: 'another report is being published; try again when it is done' };
    state.building = true;
    state.startedAt = new Date().toISOString();
    const started = Date.now();
    const staging = join(dirname(indexDir), `.publish-${process.pid}-${started}`);
    try {
      const stagingCorpus = join(staging, 'corpus');
      const stagingIndex = join(staging, 'index');
      cpSync(corpusDir, stagingCorpus, { recursive: true });
      change(corpusPaths(stagingCorpus).reports);
      await runBuild(stagingCorpus, stagingIndex);
      const built = artifactPaths(stagingIndex);
      const artifact = JSON.parse(readFileSync(built.index, 'utf8')) as IndexArtifact;
      commit();
      const target = artifactPaths(indexDir);
      mkdirSync(indexDir, { recursive: true });
      renameSync(built.dictionary, target.dictionary);
      renameSync(built.index, target.index);
      options.activate(artifact);
      const outcome = { ok: true as const, documents: artifact.documents.length, passages: artifact.manifest.passages, ms: Date.now() - started };
      state.last = { at: new Date().toISOString(), ok: true, message: `published: ${outcome.documents} documents, ${outcome.passages} passages` };
      return outcome;
    } catch (error) {
      const message = (error as Error).message;
      state.last = { at: new Date().toISOString(), ok: false, message: `the index could not be rebuilt; the previous index keeps serving: ${message}` };
      return { ok: false, status: 422, code: 'build_failed', error: state.last.message };
    } finally {
      rmSync(staging, { recursive: true, force: true });
      state.building = false;
      state.startedAt = null;
    }
  }

  /** Writes a file by renaming a temporary one, so a crash never leaves half a report. */
  const writeAtomically = (file: string, data: Uint8Array | string) => {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  };

  const writeUpload = (dir: string, upload: ReportUpload) => {
    writeAtomically(join(dir, upload.name), upload.bytes);
    const sidecar = sidecarOf(join(dir, upload.name));
    const meta = Object.fromEntries(Object.entries(upload.meta ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    if (Object.keys(meta).length > 0) writeAtomically(sidecar, `${JSON.stringify(meta, null, 2)}\n`);
    else rmSync(sidecar, { force: true });
  };

  return {
    async list(): Promise<AdminReport[]> {
      const index = options.index();
      return reportsOf(index).map((report) => {
        const file = join(reportsDir, report.file);
        return { ...report, addedAt: existsSync(file) ? statSync(file).mtime.toISOString() : null };
      });
    },

    async preview(uploads) {
      return uploads.map((upload): AdminReportPreview => {
        try {
          const doc = readUpload(upload);
          const passages = splitIntoPassages(doc);
          const sections = [...new Set(passages.filter((p) => p.kind === 'sentence').map((p) => p.section.join(' › ')))].filter(Boolean);
          return {
            ok: true,
            name: upload.name,
            slug: slugOf(upload.name),
            exists: existsSync(join(reportsDir, upload.name)),
            meta: doc.meta,
            sections,
            passages: passages.map((p) => ({ kind: p.kind, section: p.section.join(' › '), text: p.text })),
            stripped: doc.stripped,
          };
        } catch (error) {
          return { ok: false, name: upload.name, reason: (error as Error).message };
        }
      });
    },

    async publish(uploads, { replace }) {
      if (uploads.length === 0) return { ok: false, status: 400, code: 'no_files', error: 'upload at least one .txt, .html or .md file' };
      for (const upload of uploads) {
        try {
          readUpload(upload);
        } catch (error) {
          return { ok: false, status: 400, code: 'unreadable_file', error: `${upload.name}: ${(error as Error).message}` };
        }
        if (!replace && existsSync(join(reportsDir, upload.name))) {
          return { ok: false, status: 409, code: 'exists', error: `${upload.name} is already published: choose replace to overwrite it` };
        }
      }
      return rebuild(
        (staging) => uploads.forEach((u) => writeUpload(staging, u)),
        () => uploads.forEach((u) => writeUpload(reportsDir, u)),
      );
    },

    async remove(slug) {
      const doc = options.index().documents.find((d) => d.slug === slug);
      if (!doc) return { ok: false, status: 404, code: 'not_found', error: `no report named ${JSON.stringify(slug)}` };
      if (options.index().documents.length === 1) {
        return { ok: false, status: 409, code: 'last_report', error: 'this is the only report: publish another one before removing it' };
      }
      const drop = (dir: string) => {
        rmSync(join(dir, doc.file), { force: true });
        rmSync(sidecarOf(join(dir, doc.file)), { force: true });
      };
      return rebuild(drop, () => drop(reportsDir));
    },

    status: () => ({ ...state, last: state.last ? { ...state.last } : null }),
  };
}
