// The house rules of the layout, checked on the source: a runtime-neutral core, and a widget that is its own program.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => `${m[2] ? 'type ' : ''}${m[3] ?? m[4]}`,
  );
}

describe('server/core', () => {
  it('imports nothing runtime-specific (no node:*, hono, nodejieba, SQLite or Cloudflare)', () => {
    for (const file of sources('server/core')) {
      for (const spec of imports(file)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/(^|type )(node:|hono|nodejieba|better-sqlite3|@cloudflare|wrangler|fs$|path$)/);
        expect(spec, `${file} imports ${spec}`).not.toMatch(/\.\.\/(http|runtime|build|store)\//);
      }
    }
  });
});

describe('widget', () => {
  it('reaches the server only over HTTP: it may import types from server/contract.ts and nothing else of server/', () => {
    for (const file of sources('widget')) {
      for (const spec of imports(file)) {
        if (!spec.includes('server/')) continue;
        expect(spec, `${file} imports ${spec}`).toMatch(/^type .*server\/contract(\.js)?$/);
      }
    }
  });
});

/** The first import cycle among `files` (type imports included), as the chain of files, or null. */
function findImportCycle(files: readonly string[]): string[] | null {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = imports(file)
      .map((spec) => spec.replace(/^type /, ''))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => relative('.', resolve(dirname(file), spec)).replace(/\.js$/, '.ts'));
    edges.set(file, targets.filter((target) => files.includes(target)));
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of files) {
    if (state.has(file)) continue;
    const found = visit(file);
    if (found) return found;
  }
  return null;
}

describe('server/http', () => {
  it('has route modules that never import each other in a cycle, type imports included', () => {
    const files = sources('server/http').map((file) => relative('.', file));
    expect(findImportCycle(files)?.join(' -> ') ?? null).toBeNull();
  });
});
