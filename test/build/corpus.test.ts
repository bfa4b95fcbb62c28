// Reading real pages: charsets, sidecars, and files that cannot be read.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../server/build/build-index.js';
import { decodeReportText, decodeText } from '../../server/build/corpus.js';
import { loadCorpus, makeCorpus, testApp } from '../helpers/corpus.js';
import { answerFromCorpus } from '../../server/core/answer.js';
import { brokenGbkPage, encodeGbk } from '../helpers/gbk.js';


const GBK_PAGE = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2017年度示例局政府信息公开工作年度报告</title></head><body>
<div id="zoom"><p>一、主动公开情况</p><p>2017年，示例局主动公开政府信息4321条。</p>
<p>二、咨询服务</p><p>咨询电话为6123456。</p></div></body></html>`;

describe('decodeText', () => {
  it('decodes a GB2312/GBK page by the charset it declares', () => {
    const bytes = encodeGbk(GBK_PAGE);
    expect(decodeText(bytes, 'html')).toContain('示例局主动公开政府信息4321条');
  });

  it('falls back to GB18030 for text files that are not UTF-8, and honours a UTF-8 BOM', () => {
    expect(decodeText(encodeGbk('政府信息公开'), 'txt')).toBe('政府信息公开');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('公开')]), 'txt')).toBe('公开');
  });

  it('refuses empty and binary files with a reason', () => {
    expect(() => decodeText(new Uint8Array(), 'txt')).toThrow(/empty/);
    expect(() => decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'txt')).toThrow(/binary/);
  });
});

describe('building a corpus with a GBK page and unreadable files', () => {
  const skipped: string[] = [];
  const corpusDir = makeCorpus({
    'gbk-report.html': encodeGbk(GBK_PAGE),
    'empty.txt': '',
    'image.html': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    'chrome-only.txt': '标题\n字号:\n返回顶部 打印本页 关闭本页\n',
  });
  const summary = buildIndex({
    corpusDir,
    outDir: mkdtempSync(join(tmpdir(), 'qa-index-')),
    onSkip: (file, reason) => skipped.push(`${file}: ${reason}`),
  });

  it('skips unreadable, empty, binary and chrome-only files, naming each with its reason', () => {
    expect(summary.documents).toBe(1);
    expect(skipped).toHaveLength(3);
    expect(skipped.find((s) => s.startsWith('empty.txt'))).toMatch(/empty/);
    expect(skipped.find((s) => s.startsWith('image.html'))).toMatch(/binary/);
    expect(skipped.find((s) => s.startsWith('chrome-only.txt'))).toMatch(/no body text/);
  });

  it('answers from the GBK page', () => {
    const c = loadCorpus(corpusDir);
    const a = answerFromCorpus(c.index, c.dictionary, '示例局主动公开了多少条信息', c.synonyms);
    expect(a.answer).toBe('2017年，示例局主动公开政府信息4321条。');
    expect(a.sources[0]!.title).toBe('2017年度示例局政府信息公开工作年度报告');
  });

  it('fails loudly, naming the fix, when no report can be read at all', () => {
    expect(() => buildIndex({ corpusDir: makeCorpus({ 'empty.txt': '' }), outDir: mkdtempSync(join(tmpdir(), 'qa-index-')) })).toThrow(
      /no readable report.*empty\.txt.*add \.txt, \.html or \.md/,
    );
  });
});

describe('a GBK page with broken bytes', () => {
  it('is read as GBK, counting what did not decode and where (line, column, the text around it)', () => {
    const decoded = decodeReportText(brokenGbkPage(), 'html');
    expect(decoded.charset).toBe('gbk');
    expect(decoded.text).toContain('示例局主动公开政府信息4321条');
    // The cut character is U+FFFD; AA A1 is U+E000, and Node's GBK decoder (ICU's windows-936) gives FF as U+F8F5.
    expect(decoded.unreadable).toMatchObject({ undecodable: 1, privateUse: 2 });
    expect(decoded.unreadable.places.map((p) => [p.kind, p.line, p.column])).toEqual([
      ['private-use', 4, 19],
      ['undecodable', 5, 39],
      ['private-use', 6, 14],
    ]);
    expect(decoded.unreadable.places[1]!.excerpt).toContain('均已按期答复\uFFFD</p>');
  });

  it('reads a UTF-8 file with one broken byte as UTF-8, not as GB18030 gibberish', () => {
    const bytes = Buffer.concat([Buffer.from('政府信息公开工作年度报告\n主动公开政府信息', 'utf8'), Buffer.from([0xe4, 0xb8]), Buffer.from('4321条。', 'utf8')]);
    const decoded = decodeReportText(bytes, 'txt');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toBe('政府信息公开工作年度报告\n主动公开政府信息\uFFFD4321条。');
    expect(decoded.unreadable.places[0]).toMatchObject({ line: 2, column: 9 });
  });

  it('is published without U+FFFD or private-use characters in passages, answers and text fragments', async () => {
    const corpusDir = makeCorpus({
      'broken-gbk.html': brokenGbkPage(),
      'broken-gbk.meta.json': JSON.stringify({ url: 'https://www.example.gov.cn/gk/2017.html' }),
    });
    const c = loadCorpus(corpusDir);
    const unreadable = /[\uFFFD\p{Co}]/u;
    for (const text of c.summary.artifact.passages.text) expect(text).not.toMatch(unreadable);
    const app = testApp(c);
    for (const [question, expected] of [
      ['咨询电话是多少', '咨询电话为6123456。'],
      ['全年受理了多少件依申请公开申请', '全年受理依申请公开申请12件，均已按期答复'],
      ['设立了几个查阅点', '本机关设立查阅点2个。'],
    ] as const) {
      const res = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
      const body = (await res.json()) as { answer: string; sources: Array<{ url: string | null; snippet: string; section: string; title: string }> };
      expect(body.answer).toBe(expected);
      const source = body.sources[0]!;
      expect(source.url).toMatch(/^https:\/\/www\.example\.gov\.cn\/gk\/2017\.html#:~:text=/);
      expect(decodeURIComponent(source.url!)).not.toMatch(unreadable);
      expect(`${source.snippet}${source.section}${source.title}`).not.toMatch(unreadable);
    }
  });
});
