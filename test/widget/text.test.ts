import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeHref, splitHighlights, telHref } from '../../widget/src/text.js';

describe('splitHighlights', () => {
  it('marks the highlighted spans of an answer', () => {
    expect(splitHighlights('2015年度,累计主动公开政府信息23000余条。', [
      { start: 0, end: 4 },
      { start: 9, end: 17 },
    ])).toEqual([
      { text: '2015', mark: true },
      { text: '年度,累计', mark: false },
      { text: '主动公开政府信息', mark: true },
      { text: '23000余条。', mark: false },
    ]);
  });

  it('merges overlapping and touching spans given in any order', () => {
    expect(splitHighlights('abcdefgh', [
      { start: 4, end: 6 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
    ])).toEqual([
      { text: 'a', mark: false },
      { text: 'bcdef', mark: true },
      { text: 'gh', mark: false },
    ]);
  });

  it('clips spans outside the text and drops empty, reversed or malformed ones', () => {
    const bad = [
      { start: -3, end: 1 },
      { start: 5, end: 2 },
      { start: 1.5, end: 3 },
      { start: 3, end: 99 },
      null,
    ] as never;
    expect(splitHighlights('abcd', bad)).toEqual([
      { text: 'a', mark: true },
      { text: 'bc', mark: false },
      { text: 'd', mark: true },
    ]);
    expect(splitHighlights('abc', undefined)).toEqual([{ text: 'abc', mark: false }]);
  });

  it('always gives back exactly the original text, whatever the spans', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.record({ start: fc.integer({ min: -5, max: 40 }), end: fc.integer({ min: -5, max: 40 }) })), (text, spans) => {
        const segments = splitHighlights(text, spans);
        return segments.map((s) => s.text).join('') === text && segments.every((s) => s.text.length > 0);
      }),
    );
  });
});

describe('safeHref', () => {
  const endpoint = 'https://robot.example.gov.cn';

  it('resolves a relative source URL against the endpoint, keeping the text fragment', () => {
    expect(safeHref('/reports/a#:~:text=%E5%B9%B4', endpoint)).toBe('https://robot.example.gov.cn/reports/a#:~:text=%E5%B9%B4');
    expect(safeHref('reports/a', 'https://x.gov.cn/qa')).toBe('https://x.gov.cn/qa/reports/a');
  });

  it('keeps absolute http and https links', () => {
    expect(safeHref('http://www.example.gov.cn/a.html', endpoint)).toBe('http://www.example.gov.cn/a.html');
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', 'file:///etc/passwd', 'mailto:a@b.c', '', null, 42])(
    'never links %j',
    (url) => {
      expect(safeHref(url, endpoint)).toBeNull();
    },
  );
});

describe('telHref', () => {
  it('dials a number made of digits and separators only', () => {
    expect(telHref('6958028')).toBe('tel:6958028');
    expect(telHref('0453-695 8028')).toBe('tel:04536958028');
  });

  it('refuses anything else', () => {
    expect(telHref('javascript:1')).toBeNull();
    expect(telHref('12')).toBeNull();
    expect(telHref(undefined)).toBeNull();
  });
});
