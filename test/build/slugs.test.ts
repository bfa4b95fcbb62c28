// Report slugs are unique: two files that would share one (a.txt / a.md, a.b.txt / a-b.txt) are refused by the
// build, naming both, because a citation would open the other report and a removal would remove the wrong one.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../server/build/build-index.js';
import { findSlugClash, slugOf } from '../../server/build/corpus.js';
import { makeCorpus } from '../helpers/corpus.js';

const REPORT = readFileSync('test/fixtures/reports/sample-2016-gkbg.txt');

describe('report slugs', () => {
  it('finds two names that give one slug, ignoring case, and nothing when every slug differs', () => {
    expect(slugOf('a.b.txt')).toBe(slugOf('a-b.txt'));
    expect(findSlugClash(['a.txt', 'a.md'])).toEqual({ slug: 'a', files: ['a.txt', 'a.md'] });
    expect(findSlugClash(['a.b.txt', 'c.txt', 'a-b.txt'])).toEqual({ slug: 'a-b', files: ['a.b.txt', 'a-b.txt'] });
    expect(findSlugClash(['Report.txt', 'report.html'])).toMatchObject({ files: ['Report.txt', 'report.html'] });
    expect(findSlugClash(['2015/a.txt', 'a.md'])).toMatchObject({ files: ['2015/a.txt', 'a.md'] });
    expect(findSlugClash(['a.txt', 'b.txt', 'a-1.txt'])).toBeNull();
  });

  it('refuses to build a corpus where two files would share a slug, naming both', () => {
    const out = mkdtempSync(join(tmpdir(), 'qa-index-'));
    expect(() => buildIndex({ corpusDir: makeCorpus({ 'sample.txt': REPORT, 'sample.md': REPORT }), outDir: out })).toThrow(
      /sample\.md and sample\.txt would both be the report "sample".*rename one/,
    );
  });

  it('counts the published reports too: a published a.b.txt clashes with a shipped a-b.txt', () => {
    const corpusDir = makeCorpus({ 'a-b.txt': REPORT });
    const published = mkdtempSync(join(tmpdir(), 'qa-published-'));
    mkdirSync(published, { recursive: true });
    writeFileSync(join(published, 'a.b.txt'), REPORT);
    expect(() => buildIndex({ corpusDir, publishedDir: published, outDir: mkdtempSync(join(tmpdir(), 'qa-index-')) })).toThrow(
      /a-b\.txt and a\.b\.txt would both be the report "a-b"/,
    );
  });
});
