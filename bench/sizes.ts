// Owns the size table: what a visitor downloads (widget.js), what the edge deploys (the Worker bundle) and what the
// server loads (index artifact, dictionary), raw and gzip-compressed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lastErrorLine } from './child.js';

export interface SizeRow {
  name: string;
  /** Where it was measured from (a path, or how it was produced). */
  source: string;
  raw: number | null;
  gzip: number | null;
  /** Why there is no figure. */
  missing?: string;
}

/** Raw and gzip (level 9, as a CDN would serve it) size of a file, or a row saying it is not built. */
export function fileSize(name: string, file: string, missing = 'not built'): SizeRow {
  if (!existsSync(file)) return { name, source: file, raw: null, gzip: null, missing };
  const bytes = readFileSync(file);
  return { name, source: file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/**
 * The Worker bundle as `wrangler deploy` would upload it, from `wrangler deploy --dry-run --outdir <tmp>` (which
 * runs the project's [build] command first and uploads nothing). Absent until the project has a `wrangler.toml`.
 */
export function workerBundleSize(): SizeRow {
  const name = 'Worker bundle (JavaScript)';
  if (!existsSync('wrangler.toml')) return { name, source: 'wrangler.toml', raw: null, gzip: null, missing: 'not built yet (no wrangler.toml)' };
  const outDir = mkdtempSync(join(tmpdir(), 'qa-bench-worker-'));
  try {
    const result = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outDir], {
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      timeout: 240_000,
    });
    const files = existsSync(outDir) ? readdirSync(outDir).filter((f) => /\.(m?js|wasm)$/.test(f)) : [];
    if (result.status !== 0 || files.length === 0) {
      const reason = lastErrorLine(`${result.stdout ?? ''}\n${result.stderr ?? ''}`) ?? `wrangler exited with ${result.status}`;
      return { name, source: 'wrangler deploy --dry-run', raw: null, gzip: null, missing: `not built (${reason})` };
    }
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const bytes = readFileSync(join(outDir, f));
      raw += statSync(join(outDir, f)).size;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { name, source: `wrangler deploy --dry-run --outdir (${files.join(', ')})`, raw, gzip };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Every row of the size table; the index artifacts are the ones the bench built for the default corpus. */
export function measureSizes(indexDir: string): SizeRow[] {
  return [
    fileSize('widget.js (loader, every page)', join('dist', 'public', 'widget.js'), 'not built (`npm run build:widget`)'),
    fileSize('widget-app.js (panel, on first use)', join('dist', 'public', 'widget-app.js'), 'not built (`npm run build:widget`)'),
    workerBundleSize(),
    fileSize('Index artifact (index.json), default corpus', join(indexDir, 'index.json')),
    fileSize('Segmentation dictionary (dictionary.txt)', join(indexDir, 'dictionary.txt')),
  ];
}
