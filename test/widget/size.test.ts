// Facts about the shipped file (sizes, not timings): one file, small enough for a government page, nothing eval'd.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWidgetBuilt } from './browser-harness.js';

/** The budget for /widget.js, gzip-compressed. */
const MAX_GZIP_BYTES = 20 * 1024;

let bundle: Buffer;

beforeAll(async () => {
  bundle = readFileSync(await ensureWidgetBuilt());
});

describe('the built widget.js', () => {
  it(`is at most ${MAX_GZIP_BYTES / 1024} KiB gzip`, () => {
    const gzip = gzipSync(bundle, { level: 9 }).length;
    console.info(`widget.js: ${bundle.length} bytes, ${gzip} bytes gzip`);
    expect(gzip).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });

  it('is one classic script (an IIFE) with no module syntax, eval or source paths', () => {
    const text = bundle.toString('utf8');
    expect(text.startsWith('(function(){')).toBe(true);
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    expect(text).not.toMatch(/\beval\(|new Function\(/);
    expect(text).not.toMatch(/fileName:|lineNumber:/);
    expect(text).not.toContain(process.cwd());
  });
});
