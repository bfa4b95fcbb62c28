// Owns starting bench helper processes: `node --import tsx` children whose last stdout line is their JSON result.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'esbuild';

/** Node flags every TypeScript child gets: the tsx loader, as `npm start` runs the server. */
export const TSX = ['--import', 'tsx'];

/** What a child printed, and how long it ran from spawn to exit (wall clock, milliseconds). */
export interface ChildResult<T> {
  value: T;
  wallMs: number;
}

/**
 * Runs `node [flags] script ...args` to completion and parses its last stdout line as JSON.
 *
 * @throws Error with the child's stderr when it exits non-zero or prints no JSON.
 */
export function runNodeChild<T>(flags: string[], script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildResult<T>> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...flags, script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args[0] ?? ''} exited with ${code}: ${stderr.trim().slice(-2000)}`));
        return;
      }
      try {
        resolvePromise({ value: JSON.parse(last) as T, wallMs });
      } catch {
        reject(new Error(`${script} ${args[0] ?? ''} printed no JSON result: ${stdout.slice(-500)} ${stderr.slice(-1000)}`));
      }
    });
  });
}

/** Runs a mode of `bench/scale-child.ts` in a fresh process with `--expose-gc`. */
export function runScaleChild<T>(mode: string, args: unknown, extraFlags: string[] = []): Promise<ChildResult<T>> {
  return runNodeChild<T>(['--expose-gc', ...extraFlags, ...TSX], 'bench/scale-child.ts', [mode, JSON.stringify(args)]);
}

/** The last line of a tool's output that reports an error, without terminal colours; undefined when none does. */
export function lastErrorLine(output: string): string | undefined {
  const lines = output
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.filter((l) => /error|failed/i.test(l)).pop();
  return line?.replace(/^[✘✗\s]*(\[ERROR\]\s*)?/, '').slice(0, 200);
}

/**
 * Compiles the server as `npm start` does (scripts/build.mjs) and, with the same esbuild options, the given bench
 * entries (`bench/x.ts` → `dist/server/bench/x.js`, beside the server's bundles so that their relative paths hold).
 *
 * @returns the compiled entries' paths, in order.
 */
export async function compileServer(benchEntries: readonly string[] = []): Promise<string[]> {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', 'server'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the server (scripts/build.mjs server) failed');
  const out = benchEntries.map((e) => resolve('dist/server/bench', e.replace(/^.*\//, '').replace(/\.ts$/, '.js')));
  if (benchEntries.length) {
    await build({ entryPoints: [...benchEntries], outdir: resolve('dist/server/bench'), bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  }
  return out;
}

/** The compiled server `npm start` runs (after {@link compileServer}). */
export const COMPILED_SERVER = 'dist/server/runtime/node.js';
