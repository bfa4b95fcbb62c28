// Owns how the Node server names the programs it runs in child processes (the index build, the report reader): the
// compiled JavaScript beside the running bundle (`npm start`), or the TypeScript source through tsx (`npm run dev`,
// the tests). Imports only node:url.
import { fileURLToPath } from 'node:url';

/** A program to run with `process.execPath`: its file and the Node options it needs. */
export interface ChildEntry {
  file: string;
  execArgv: string[];
}

/**
 * The child program at `source` (a `.ts` path relative to `from`, the caller's `import.meta.url`).
 *
 * @remarks The compiled server (dist/server, built by scripts/build-server.mjs) keeps the source tree's layout, one
 * bundle per entry, so the same relative path names the compiled child with `.js` in place of `.ts`. From source,
 * `--import tsx` (not the tsx CLI) makes the child the process that runs the code, so a kill reaches it.
 */
export function childEntry(source: string, from: string): ChildEntry {
  const compiled = from.endsWith('.js') || from.endsWith('.mjs');
  const file = fileURLToPath(new URL(compiled ? source.replace(/\.ts$/, '.js') : source, from));
  return { file, execArgv: compiled ? [] : ['--import', 'tsx'] };
}
