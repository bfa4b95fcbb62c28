// Owns reading uploaded reports off the server thread: each file is decoded, parsed and split in a child process with
// a time limit, so that a page that parses slowly (or never finishes) cannot stall citizens' questions or /healthz.
import { fork, type ChildProcess } from 'node:child_process';
import type { MetaOverrides, SourceFormat } from '../core/document.js';
import type { AdminReportPreview } from '../contract.js';
import { childEntry } from './child-entry.js';

/** What the child is asked to read. */
export interface ReadRequest {
  name: string;
  format: SourceFormat;
  bytes: Uint8Array;
  meta: MetaOverrides;
}

/** What reading a file gave: the preview's content, or why it cannot be published. */
export type ReadResult =
  | ({ ok: true } & Pick<Extract<AdminReportPreview, { ok: true }>, 'meta' | 'sections' | 'passages' | 'stripped' | 'agency' | 'warnings' | 'tables' | 'repetition' | 'decoding'>)
  | { ok: false; reason: string; timedOut?: boolean };

export interface ReportReader {
  /** Reads the files in order, each within the time limit; a file over the limit gets `timedOut` and a reason naming it. */
  read(requests: readonly ReadRequest[]): Promise<ReadResult[]>;
}

export interface ChildReaderOptions {
  /** Longest time one file may take to read, in ms (PARSE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Longest time the child may take to start (load its modules and the dictionary), in ms. Default 60,000. */
  startTimeoutMs?: number;
  /**
   * The segmentation dictionary the index was built with (INDEX_DIR/dictionary.txt): its place names let the child
   * derive a report's agency as the build does. Without it, agencies are derived without place names.
   */
  dictionaryFile?: string;
}

const CHILD = childEntry('./report-reader-child.ts', import.meta.url);

/** The message of a file that took too long, naming it and the setting. */
export function describeParseTimeout(name: string, timeoutMs: number): string {
  return `reading ${name} took longer than ${timeoutMs / 1000} s (PARSE_TIMEOUT_MS), so it was stopped: the page is too large or too complex; save it as plain text (.txt) or split it`;
}

interface Child {
  process: ChildProcess;
  /** Resolves with the next message (or rejects when the child exits first). */
  next(): Promise<unknown>;
}

function startChild(dictionaryFile: string | undefined): Child {
  const child = fork(CHILD.file, dictionaryFile ? [dictionaryFile] : [], { execArgv: CHILD.execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const waiting: Array<{ resolve: (m: unknown) => void; reject: (e: Error) => void }> = [];
  child.on('message', (m) => waiting.shift()?.resolve(m));
  child.on('exit', (code, signal) => {
    const reason = new Error(`the report reader stopped (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`);
    for (const w of waiting.splice(0)) w.reject(reason);
  });
  return { process: child, next: () => new Promise((resolve, reject) => waiting.push({ resolve, reject })) };
}

/** Resolves with `promise`, or with `onTimeout()` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(onTimeout()), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/**
 * A reader that starts one child process per call and reads the files in it one by one; a file over the limit is
 * stopped by killing the child (a running regular expression cannot be interrupted otherwise), and the files after
 * it get a new child. The limit counts from when the file is sent, not the child's start.
 */
export function createChildReportReader(options: ChildReaderOptions): ReportReader {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  return {
    async read(requests) {
      const results: ReadResult[] = [];
      let child: Child | null = null;
      try {
        for (const request of requests) {
          if (!child) {
            child = startChild(options.dictionaryFile);
            const started = await within(child.next().then(() => true), startTimeoutMs, () => false);
            if (!started) throw new Error(`the report reader did not start within ${startTimeoutMs / 1000} s`);
          }
          const current: Child = child;
          // The answer is awaited before the request goes out, so it cannot arrive unheard.
          const answer = current.next() as Promise<ReadResult>;
          current.process.send(request);
          const result = await within<ReadResult | null>(answer, options.timeoutMs, () => null).catch(
            (error: Error): ReadResult => ({ ok: false, reason: error.message }),
          );
          if (result === null) {
            current.process.kill('SIGKILL');
            child = null;
            results.push({ ok: false, timedOut: true, reason: describeParseTimeout(request.name, options.timeoutMs) });
          } else {
            results.push(result);
            if (!current.process.connected) child = null;
          }
        }
      } finally {
        if (child?.process.connected) child.process.disconnect();
      }
      return results;
    },
  };
}
