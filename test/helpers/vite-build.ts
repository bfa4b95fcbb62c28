// Test helper: builds a browser program with Vite when its output is stale, once across parallel test processes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isStale } from '../../scripts/stale.mjs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `vite build -c <config>` when `output` is missing or older than `sources`. Test files run in parallel
 * processes, so a lock directory keeps two of them from building at once; a lock older than two minutes is a killed
 * run's and is taken over.
 */
export async function buildWhenStale(name: string, config: string, output: string, sources: readonly string[]): Promise<void> {
  if (!isStale(output, sources)) return;
  mkdirSync(resolve('dist'), { recursive: true });
  const lock = resolve(`dist/.${name}-build.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (statSync(lock).mtimeMs < Date.now() - 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      await sleep(200);
    }
  }
  try {
    if (isStale(output, sources)) {
      const vite = resolve('node_modules/vite/bin/vite.js');
      // Vitest sets NODE_ENV=test; build exactly what `npm run build` ships.
      const result = spawnSync(process.execPath, [vite, 'build', '-c', config, '--logLevel', 'warn'], {
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (result.status !== 0) throw new Error(`building ${name} failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
