// Owns building what `npm start` runs, each part only when its output is missing or older than its sources: the
// browser programs (widget.js, the staff console) with Vite, and the server with esbuild (one bundle per program in
// dist/server, the source tree's layout, packages left to node_modules). Plain JavaScript, so that it runs before
// anything is compiled.
//
//   node scripts/build.mjs [web|server] [--force]     (no part: both)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './stale.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const at = (p) => resolve(ROOT, p);

const WEB_TARGETS = [
  { name: 'widget', config: 'vite.widget.config.ts', output: 'dist/public/widget.js', sources: ['widget/src', 'server/contract.ts', 'vite.widget.config.ts'] },
  { name: 'staff console', config: 'vite.admin.config.ts', output: 'dist/public/admin/index.html', sources: ['widget/admin', 'widget/src', 'server/contract.ts', 'vite.admin.config.ts'] },
];

/**
 * The server's programs: the server itself and the two it runs in child processes (server/runtime/child-entry.ts
 * finds them by the same relative paths).
 */
export const SERVER_ENTRIES = ['server/runtime/node.ts', 'server/build/build-index-cli.ts', 'server/runtime/report-reader-child.ts'];
export const SERVER_OUT = 'dist/server';
/** The compiled server; the SQL migrations are copied beside it (sqlite-store.ts reads `../../migrations/`). */
export const SERVER_MAIN = `${SERVER_OUT}/runtime/node.js`;
const SERVER_SOURCES = ['server', 'migrations', 'package.json', 'scripts/build.mjs'];

/** Builds the widget and the console with Vite when stale (or always, with `force`). */
export function buildWeb({ force = false } = {}) {
  for (const t of WEB_TARGETS) {
    if (!existsSync(at(t.config))) continue;
    if (!force && !isStale(at(t.output), t.sources.map(at))) continue;
    console.log(`building the ${t.name} (${t.config})`);
    const vite = at('node_modules/vite/bin/vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '-c', t.config, '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) throw new Error(`building the ${t.name} failed`);
  }
}

/** Compiles the server to JavaScript with esbuild when stale (or always, with `force`); about a second. */
export async function buildServer({ force = false } = {}) {
  if (!force && !isStale(at(SERVER_MAIN), SERVER_SOURCES.map(at))) return;
  console.log('building the server (dist/server)');
  const esbuild = await import('esbuild');
  rmSync(at(SERVER_OUT), { recursive: true, force: true });
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: SERVER_ENTRIES,
      outbase: 'server',
      outdir: SERVER_OUT,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
  } finally {
    await esbuild.stop();
  }
  cpSync(at('migrations'), at('dist/migrations'), { recursive: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const part = process.argv.slice(2).find((a) => !a.startsWith('--'));
  try {
    if (!part || part === 'web') buildWeb({ force });
    if (!part || part === 'server') await buildServer({ force });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
