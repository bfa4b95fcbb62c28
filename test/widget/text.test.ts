import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLookupCode, safeHref, splitFigures, splitHighlights, telHref } from '../../widget/src/text.js';

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

describe('splitFigures', () => {
  it('emphasises the counts a 多少 question asks for, and leaves them plain otherwise', () => {
    expect(splitFigures('累计主动公开政府信息23000余条，收费0元。', true)).toEqual([
      { text: '累计主动公开政府信息', kind: 'plain' },
      { text: '23000余条', kind: 'figure' },
      { text: '，收费', kind: 'plain' },
      { text: '0元', kind: 'figure' },
      { text: '。', kind: 'plain' },
    ]);
    expect(splitFigures('累计23000余条', false)).toEqual([{ text: '累计23000余条', kind: 'plain' }]);
    expect(splitFigures('应在15个工作日内答复', true).filter((s) => s.kind === 'figure').map((s) => s.text)).toEqual(['15个工作日']);
  });

  it('marks phone numbers in unambiguous forms, and the answer\'s own contact numbers in any form', () => {
    expect(splitFigures('请拨0453-6958002或13812345678', false).filter((s) => s.kind === 'phone').map((s) => s.text)).toEqual(['0453-6958002', '13812345678']);
    expect(splitFigures('管理科咨询热线 6958002；投诉 6958028。', false, ['6958002', '6958028']).filter((s) => s.kind === 'phone').map((s) => s.text)).toEqual(['6958002', '6958028']);
    expect(splitFigures('共6958002条', true).map((s) => s.kind)).toEqual(['plain', 'figure']);
  });
});

describe('readLookupCode', () => {
  it('reads a 查询码 however it is typed, and nothing else', () => {
    expect(readLookupCode('7kq2 m9xd 4htr')).toBe('7KQ2-M9XD-4HTR');
    expect(readLookupCode('７ＫＱ２－Ｍ９ＸＤ－４ＨＴＲ')).toBe('7KQ2-M9XD-4HTR');
    expect(readLookupCode('投诉电话是多少')).toBeNull();
    expect(readLookupCode('2015年主动公开多少条')).toBeNull();
    expect(readLookupCode('0KQ2-M9XD-4HTR')).toBeNull();
  });
});
