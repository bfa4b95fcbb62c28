// Owns publishing reports on Node without a developer: preview an upload, add/replace/remove reports in the data
// folder (DATA_DIR/reports, beside the database), rebuild the index in a child process, and swap it in atomically
// (the old index serves until the new one is ready).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { artifactPaths, READING_MARK } from '../build/build-index.js';
import {
  corpusPaths,
  describeSlugClash,
  findSlugClash,
  listEffectiveReports,
  publishedReportsDir,
  readRemovedReports,
  REMOVED_REPORTS_FILE,
  slugOf,
  type ReportFile,
} from '../build/corpus.js';
import type { SourceFormat } from '../core/document.js';
import type { IndexArtifact, SearchIndex } from '../core/search-index.js';
import type { AdminPublishStatus, AdminReport, AdminReportPreview } from '../contract.js';
import { ApiError } from '../http/errors.js';
import { reportsOf, type PublishOutcome, type ReportPublisher, type ReportUpload } from '../http/report-routes.js';
import { childEntry } from './child-entry.js';
import { createChildReportReader, type ReadResult, type ReportReader } from './report-reader.js';

export type { PublishOutcome, ReportPublisher, ReportUpload };

/**
 * Builds the index of the corpus in `corpusDir` with the reports published in `dataDir` into `outDir`; rejects with
 * the build's message on failure.
 */
export type BuildRunner = (corpusDir: string, dataDir: string, outDir: string) => Promise<void>;

export interface PublisherOptions {
  /** The shipped corpus (CORPUS_DIR), never written. */
  corpusDir: string;
  /** DATA_DIR: published reports go to its `reports/` folder. */
  dataDir: string;
  indexDir: string;
  /** Current index (for the list and slugs). */
  index: () => SearchIndex;
  /** Loads a freshly built artifact and makes every later question use it. */
  activate: (artifact: IndexArtifact) => void;
  /** How to build; default: `npm run build:index`'s CLI in a child process, so the server keeps answering. */
  runBuild?: BuildRunner;
  /** Longest time reading one file may take, in preview, publish and the build (PARSE_TIMEOUT_MS). Default 10 s. */
  parseTimeoutMs?: number;
  /** How uploads are read; default: in a child process with `parseTimeoutMs` per file. */
  reader?: ReportReader;
  /** The short forms of an uploaded report's agency among the site's agencies, and whether the site has it already. */
  describeAgency?: (agency: string | null) => { shortForms: string[]; known: boolean };
}

/** Largest upload accepted, per file. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;
const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.html': 'html', '.htm': 'html', '.md': 'md' };

/** Name start of the publisher's staging folders, beside the index folder. */
export const STAGING_PREFIX = '.publish-';

const CLI = childEntry('../build/build-index-cli.ts', import.meta.url);

/**
 * The default build: the index CLI in a child process (nodejieba is synchronous; the server must not block).
 *
 * @remarks The child names each report before reading it; one that reads a report longer than `parseTimeoutMs` is
 * killed and the build fails naming the report. The child stops by itself when this process dies (see
 * build-index-cli.ts), so a killed server leaves no build writing behind it.
 */
export function buildInChild(parseTimeoutMs: number): BuildRunner {
  return (corpusDir, dataDir, outDir) =>
    new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [...CLI.execArgv, CLI.file], {
        env: { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: dataDir, INDEX_DIR: outDir, QA_BUILD_PARENT: String(process.pid) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let pending = '';
      let reading: { file: string; since: number } | null = null;
      let timedOut: string | null = null;
      child.stdout.on('data', (d: Buffer) => {
        pending += d.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          if (line.startsWith(READING_MARK)) reading = { file: line.slice(READING_MARK.length), since: Date.now() };
          else {
            reading = null;
            output += `${line}\n`;
          }
        }
      });
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const watchdog = setInterval(() => {
        if (reading && !timedOut && Date.now() - reading.since > parseTimeoutMs) {
          timedOut = reading.file;
          child.kill('SIGKILL');
        }
      }, Math.min(250, Math.max(10, parseTimeoutMs / 4)));
      watchdog.unref();
      child.on('error', (error) => {
        clearInterval(watchdog);
        reject(error);
      });
      child.on('exit', (code) => {
        clearInterval(watchdog);
        if (timedOut) reject(new Error(`reading ${timedOut} took longer than ${parseTimeoutMs / 1000} s (PARSE_TIMEOUT_MS), so the build was stopped: fix or remove that report`));
        else if (code === 0) resolvePromise();
        else reject(new Error(output.trim().split('\n').filter(Boolean).at(-1) ?? `the index build exited with ${code}`));
      });
    });
}

/** Checks an upload's file name: a plain name with a supported extension, nothing that could leave `reports/`. */
export function checkUploadName(name: string): string | null {
  const base = basename(name);
  if (base !== name || !name || name.startsWith('.')) return 'the file name must be a plain name, without folders';
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,120}$/u.test(name)) return 'use letters, digits, dots, dashes and underscores in the file name';
  if (!FORMATS[extname(name).toLowerCase()]) return 'only .txt, .html, .htm and .md files can be published';
  if (name.toLowerCase() === REMOVED_REPORTS_FILE) return `${REMOVED_REPORTS_FILE} is the publisher's own file: choose another name`;
  return null;
}

/**
 * Removes the staging folders a publish left beside the index folder when its process was killed (their build
 * child stops by itself). Folders of a publish still running in a live process are kept. Returns the folders removed.
 */
export function cleanStaleStaging(indexDir: string): string[] {
  const parent = dirname(resolve(indexDir));
  if (!existsSync(parent)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const match = new RegExp(`^${STAGING_PREFIX.replace('.', '\\.')}(\\d+)-\\d+$`).exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && processAlive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(join(parent, name));
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sidecarOf = (file: string) => file.replace(/\.[^.]+$/, '.meta.json');

/** Writes a file by renaming a temporary one, so a crash never leaves half a report. */
function writeAtomically(file: string, data: Uint8Array | string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Records (or forgets) shipped reports as removed in a published folder. */
function updateRemoved(published: string, change: { add?: string[]; drop?: string[] }): void {
  const names = new Set(readRemovedReports(published));
  for (const n of change.add ?? []) names.add(n);
  for (const n of change.drop ?? []) names.delete(n);
  const file = join(published, REMOVED_REPORTS_FILE);
  if (names.size === 0) rmSync(file, { force: true });
  else writeAtomically(file, `${JSON.stringify([...names].sort(), null, 2)}\n`);
}

/** A change to the published folder, applied first to a staging copy (to build) and then to the real one. */
type Change = (published: string) => void;

const addReports =
  (uploads: ReportUpload[]): Change =>
  (published) => {
    for (const upload of uploads) {
      const file = join(published, upload.name);
      writeAtomically(file, upload.bytes);
      const meta = Object.fromEntries(Object.entries(upload.meta ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
      if (Object.keys(meta).length > 0) writeAtomically(sidecarOf(file), `${JSON.stringify(meta, null, 2)}\n`);
      else rmSync(sidecarOf(file), { force: true });
    }
    updateRemoved(published, { drop: uploads.map((u) => u.name) });
  };

const removeReport =
  (report: ReportFile, shipped: boolean): Change =>
  (published) => {
    if (report.origin === 'published') {
      rmSync(join(published, report.name), { force: true });
      rmSync(sidecarOf(join(published, report.name)), { force: true });
    }
    // A shipped report (or the one a published file replaced) stays in the checkout: it is recorded as removed.
    if (shipped) updateRemoved(published, { add: [report.name] });
  };

/** Creates the publisher over the shipped corpus, the data folder and the index folder; cleans stale staging first. */
export function createReportPublisher(options: PublisherOptions): ReportPublisher {
  const corpusDir = resolve(options.corpusDir);
  const published = publishedReportsDir(resolve(options.dataDir));
  const indexDir = resolve(options.indexDir);
  const parseTimeoutMs = options.parseTimeoutMs ?? 10_000;
  const runBuild = options.runBuild ?? buildInChild(parseTimeoutMs);
  const reader = options.reader ?? createChildReportReader({ timeoutMs: parseTimeoutMs, dictionaryFile: artifactPaths(indexDir).dictionary });
  const describeAgency = options.describeAgency ?? (() => ({ shortForms: [], known: false }));
  const state: AdminPublishStatus = { building: false, startedAt: null, last: null };
  cleanStaleStaging(indexDir);

  const effective = () => listEffectiveReports(corpusPaths(corpusDir, published));
  const shippedNames = () => new Set(listEffectiveReports(corpusPaths(corpusDir)).map((r) => r.name));

  /** Reads uploads off the server thread; a refusal (unsafe name, too large) is a result like an unreadable file. */
  async function read(uploads: ReportUpload[]): Promise<ReadResult[]> {
    const checked = uploads.map((u): ReadResult | null => {
      const problem = checkUploadName(u.name);
      if (problem) return { ok: false, reason: problem };
      if (u.bytes.length > MAX_REPORT_BYTES) return { ok: false, reason: `the file is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB` };
      return null;
    });
    const toRead = uploads.filter((_, i) => checked[i] === null);
    const results = await reader.read(toRead.map((u) => ({ name: u.name, format: FORMATS[extname(u.name).toLowerCase()]!, bytes: u.bytes, meta: u.meta ?? {} })));
    return checked.map((c) => c ?? results.shift()!);
  }

  /** The slug clash the uploads would make with each other or the published corpus (a replaced file excepted). */
  function slugClash(uploads: ReportUpload[]): string | null {
    const names = new Set(uploads.map((u) => u.name));
    const clash = findSlugClash([...uploads.map((u) => u.name), ...effective().map((r) => r.name).filter((n) => !names.has(n))]);
    return clash ? describeSlugClash(clash) : null;
  }

  /**
   * Rebuilds with `change` applied to a staging copy of the published folder; only when that build succeeds is the
   * change made to the real folder and the new index swapped in. Staging sits beside the index folder so the final
   * moves are renames on one file system.
   */
  async function rebuild(change: Change): Promise<PublishOutcome> {
    const started = Date.now();
    const staging = join(dirname(indexDir), `${STAGING_PREFIX}${process.pid}-${started}`);
    try {
      const stagingData = join(staging, 'data');
      const stagingPublished = publishedReportsDir(stagingData);
      const stagingIndex = join(staging, 'index');
      if (existsSync(published)) cpSync(published, stagingPublished, { recursive: true });
      else mkdirSync(stagingPublished, { recursive: true });
      change(stagingPublished);
      await runBuild(corpusDir, stagingData, stagingIndex);
      const built = artifactPaths(stagingIndex);
      const artifact = JSON.parse(readFileSync(built.index, 'utf8')) as IndexArtifact;
      change(published);
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
    }
  }

  /** Runs one publish or removal at a time; `building` is true from its first step (reading the uploads) to its end. */
  async function exclusive(work: () => Promise<PublishOutcome>): Promise<PublishOutcome> {
    if (state.building) return { ok: false, status: 409, code: 'busy', error: 'another report is being published; try again when it is done' };
    state.building = true;
    state.startedAt = new Date().toISOString();
    try {
      return await work();
    } finally {
      state.building = false;
      state.startedAt = null;
    }
  }

  return {
    async list(): Promise<AdminReport[]> {
      const files = new Map(effective().map((r) => [r.name, r.path]));
      return reportsOf(options.index()).map((report) => {
        const file = files.get(report.file);
        return { ...report, addedAt: file && existsSync(file) ? statSync(file).mtime.toISOString() : null };
      });
    },

    async preview(uploads) {
      const clash = slugClash(uploads);
      if (clash) throw new ApiError(409, 'slug_taken', clash);
      const names = new Set(effective().map((r) => r.name));
      const results = await read(uploads);
      const late = results.find((r) => !r.ok && r.timedOut);
      if (late && !late.ok) throw new ApiError(422, 'parse_timeout', late.reason);
      return results.map((result, i): AdminReportPreview => {
        const upload = uploads[i]!;
        if (!result.ok) return { ok: false, name: upload.name, reason: result.reason };
        const { ok: _ok, ...content } = result;
        const agency = describeAgency(content.agency);
        return { ok: true, name: upload.name, slug: slugOf(upload.name), exists: names.has(upload.name), ...content, shortForms: agency.shortForms, agencyKnown: agency.known };
      });
    },

    async publish(uploads, { replace }) {
      if (uploads.length === 0) return { ok: false, status: 400, code: 'no_files', error: 'upload at least one .txt, .html or .md file' };
      const clash = slugClash(uploads);
      if (clash) return { ok: false, status: 409, code: 'slug_taken', error: clash };
      const names = new Set(effective().map((r) => r.name));
      for (const upload of uploads) {
        if (!replace && names.has(upload.name)) {
          return { ok: false, status: 409, code: 'exists', error: `${upload.name} is already published: choose replace to overwrite it` };
        }
      }
      return exclusive(async () => {
        const results = await read(uploads);
        for (const [i, result] of results.entries()) {
          if (result.ok) continue;
          if (result.timedOut) return { ok: false, status: 422, code: 'parse_timeout', error: result.reason };
          return { ok: false, status: 400, code: 'unreadable_file', error: `${uploads[i]!.name}: ${result.reason}` };
        }
        return rebuild(addReports(uploads));
      });
    },

    async remove(slug) {
      const doc = options.index().documents.find((d) => d.slug === slug);
      if (!doc) return { ok: false, status: 404, code: 'not_found', error: `no report named ${JSON.stringify(slug)}` };
      if (options.index().documents.length === 1) {
        return { ok: false, status: 409, code: 'last_report', error: 'this is the only report: publish another one before removing it' };
      }
      const report = effective().find((r) => r.name === doc.file);
      if (!report) return { ok: false, status: 404, code: 'not_found', error: `the report ${doc.file} is no longer in the corpus: reload the list` };
      return exclusive(() => rebuild(removeReport(report, shippedNames().has(report.name))));
    },

    status: () => ({ ...state, last: state.last ? { ...state.last } : null }),
  };
}
