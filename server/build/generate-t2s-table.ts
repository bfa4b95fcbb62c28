// Regenerates server/core/t2s-table.ts from OpenCC's TSCharacters (via opencc-js); Node-only, run by hand.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = (await import('opencc-js/dict/TSCharacters' as string)) as { default: string };
const pairs = source.default
  .split('|')
  .map((entry) => entry.split(' '))
  .filter(([from, to]) => from && to && from !== to)
  .map(([from, to]) => `${from}${to}`);

const out = fileURLToPath(new URL('../core/t2s-table.ts', import.meta.url));
writeFileSync(
  out,
  `// Traditional → Simplified character pairs, generated from OpenCC TSCharacters (Apache-2.0) by
// server/build/generate-t2s-table.ts; runtime-neutral data, imports nothing.\n` +
    `/** Concatenated pairs: each entry is one Traditional code point followed by its Simplified form. */\n` +
    `export const T2S_PAIRS: readonly string[] = ${JSON.stringify(pairs)};\n`,
);
console.log(`wrote ${pairs.length} pairs to ${out}`);
