// The reports page's checks before an upload: file names the server accepts, sizes and types, the metadata staff
// changed, and how a preview's passages are grouped.
import { describe, expect, it } from 'vitest';
import {
  checkMetaForm,
  checkReportFile,
  groupPassages,
  metaOverrides,
  parsePublishedCounts,
  safeReportName,
} from '../../widget/admin/report-upload.js';

describe('safeReportName', () => {
  it('keeps a name the server accepts as it is', () => {
    expect(safeReportName('sample-2016-gkbg.txt')).toBe('sample-2016-gkbg.txt');
    expect(safeReportName('2016年报告.html')).toBe('2016年报告.html');
  });

  it('turns spaces, brackets and folders into a plain name with the extension lower-cased', () => {
    expect(safeReportName('2016年 年报 (1).HTML')).toBe('2016年-年报-1.html');
    expect(safeReportName('C:\\下载\\报告.txt')).toBe('报告.txt');
    expect(safeReportName('.hidden.md')).toBe('hidden.md');
    expect(safeReportName('（全文）.htm')).toBe('全文.htm');
    expect(safeReportName('###.txt')).toBe('report.txt');
  });

  it('matches the server rule: starts with a letter or digit, then letters, digits, . _ -', () => {
    for (const name of ['a b.txt', '—报告—.md', '政府 信息（2016）.html']) {
      expect(safeReportName(name)).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,120}$/u);
    }
  });
});

describe('checkReportFile', () => {
  it('accepts .html, .htm, .txt and .md files up to 5 MB', () => {
    expect(checkReportFile({ name: 'a.HTML', size: 10 })).toBeNull();
    expect(checkReportFile({ name: 'a.md', size: 5 * 1024 * 1024 })).toBeNull();
  });

  it('names what is wrong with other files', () => {
    expect(checkReportFile({ name: 'a.pdf', size: 10 })).toContain('不是 .html');
    expect(checkReportFile({ name: 'a.txt', size: 5 * 1024 * 1024 + 1 })).toContain('超过 5 MB');
    expect(checkReportFile({ name: 'a.txt', size: 0 })).toContain('空文件');
  });
});

describe('report metadata', () => {
  const page = { title: '2016年度报告', date: '2017-03-10', issuer: '中心', url: '' };

  it('sends only the fields staff changed', () => {
    expect(metaOverrides(page, page)).toEqual({});
    expect(metaOverrides(page, { ...page, url: ' https://www.example.gov.cn/2016.html ' })).toEqual({ url: 'https://www.example.gov.cn/2016.html' });
    expect(metaOverrides(page, { ...page, title: '新标题', issuer: '' })).toEqual({ title: '新标题' });
  });

  it('checks the date and the address before asking the server', () => {
    expect(checkMetaForm(page)).toEqual({});
    expect(checkMetaForm({ ...page, date: '2017/3/10' }).date).toContain('YYYY-MM-DD');
    expect(checkMetaForm({ ...page, date: '2017-13-45' }).date).toBe('不是有效的日期');
    expect(checkMetaForm({ ...page, url: 'www.example.gov.cn' }).url).toContain('http://');
    expect(checkMetaForm({ ...page, url: 'javascript:alert(1)' }).url).toBeDefined();
  });
});

describe('groupPassages', () => {
  it('groups consecutive passages of a section, in order', () => {
    const groups = groupPassages([
      { kind: 'meta', section: '文档信息', text: 'm' },
      { kind: 'sentence', section: '一', text: 'a' },
      { kind: 'sentence', section: '一', text: 'b' },
      { kind: 'sentence', section: '二', text: 'c' },
    ]);
    expect(groups.map((g) => [g.section, g.passages.length])).toEqual([
      ['文档信息', 1],
      ['一', 2],
      ['二', 1],
    ]);
  });
});

describe('parsePublishedCounts', () => {
  it("reads the publisher's summary", () => {
    expect(parsePublishedCounts('published: 2 documents, 41 passages')).toEqual({ documents: 2, passages: 41 });
    expect(parsePublishedCounts('something else')).toBeNull();
  });
});
