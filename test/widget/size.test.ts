// Facts about the shipped files (sizes, not timings): a loader small enough for every government page, the panel it
// loads on first use, each one classic script with nothing eval'd.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRINGS } from '../../widget/src/strings.zh-CN.js';
import { ensureWidgetBuilt } from './browser-harness.js';

/** Issue #13's budget for /widget.js (what every page with the widget downloads), gzip-compressed. */
const MAX_LOADER_GZIP_BYTES = 12 * 1024;
/** Issue #13's budget for /widget-app.js (the panel, downloaded when a citizen first points at or opens the robot). */
const MAX_PANEL_GZIP_BYTES = 12 * 1024;

let bundle: Buffer;
let panel: Buffer;

beforeAll(async () => {
  const file = await ensureWidgetBuilt();
  bundle = readFileSync(file);
  panel = readFileSync(file.replace(/widget\.js$/, 'widget-app.js'));
});

describe('the built widget.js and widget-app.js', () => {
  it(`loads at most ${MAX_LOADER_GZIP_BYTES / 1024} KiB gzip on every page, and the panel is at most ${MAX_PANEL_GZIP_BYTES / 1024} KiB`, () => {
    const gzip = gzipSync(bundle, { level: 9 }).length;
    const panelGzip = gzipSync(panel, { level: 9 }).length;
    console.info(`widget.js: ${bundle.length} bytes, ${gzip} bytes gzip; widget-app.js: ${panel.length} bytes, ${panelGzip} bytes gzip`);
    expect(gzip).toBeLessThanOrEqual(MAX_LOADER_GZIP_BYTES);
    expect(panelGzip).toBeLessThanOrEqual(MAX_PANEL_GZIP_BYTES);
  });

  it('keeps Preact and the panel out of the loader', () => {
    expect(bundle.toString('utf8')).not.toContain('__H');
    expect(panel.toString('utf8')).toContain('__H');
  });

  it('takes the stylesheet and the strings from the loader (window.QAWidgetShared) instead of carrying a second copy', () => {
    const loaderText = bundle.toString('utf8');
    const panelText = panel.toString('utf8');
    for (const text of ['Microsoft YaHei', STRINGS.defaultWelcome]) {
      expect(loaderText).toContain(text);
      expect(panelText).not.toContain(text);
    }
    expect(panelText).toContain('QAWidgetShared');
  });

  it.each(['widget.js', 'widget-app.js'])('%s is one classic script (an IIFE) with no module syntax, eval or source paths', (name) => {
    const text = (name === 'widget.js' ? bundle : panel).toString('utf8');
    expect(text.startsWith('(function(){')).toBe(true);
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    expect(text).not.toMatch(/\beval\(|new Function\(/);
    expect(text).not.toMatch(/fileName:|lineNumber:/);
    expect(text).not.toContain(process.cwd());
  });

  it('parses in Safari before 16.4, which docs/widget.md supports: no regular-expression literal needs a newer engine', () => {
    // esbuild rewrites a literal a target cannot parse (lookbehind, named groups, the v flag) into new RegExp(…).
    for (const file of [bundle, panel]) {
      const code = file.toString('utf8');
      const lowered = transformSync(code, { loader: 'js', target: 'safari15', logLevel: 'silent' }).code;
      const count = (text: string) => (text.match(/new RegExp\(/g) ?? []).length;
      expect(count(lowered)).toBe(count(code));
    }
  });
});
