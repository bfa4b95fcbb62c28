import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDate, parseDocument, readMetadataLine } from '../../server/core/document.js';
import { splitIntoPassages, splitSentences } from '../../server/core/passages.js';

const defaultReport = readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt', 'utf8');

describe('parseDocument on a page copied from a government CMS', () => {
  const doc = parseDocument(defaultReport, 'txt');

  it('reads the title, the publication date and the issuer from the page header and sign-off', () => {
    expect(doc.meta).toMatchObject({
      title: '2015年度行政服务中心政府信息公开年度报告',
      date: '2016-03-11',
      issuer: '牡丹江市行政服务中心',
      year: 2015,
    });
  });

  it('strips the page chrome and keeps it for the preview', () => {
    const body = JSON.stringify(doc.blocks);
    for (const chrome of ['字号', '撰稿', '校对', '一审', '扫一扫在手机打开当前页', '返回顶部', '打印本页', '关闭本页', '智能问答机器人', '关联稿件']) {
      expect(body).not.toContain(chrome);
    }
    expect(doc.stripped).toContain('扫一扫在手机打开当前页');
  });

  it('splits numbered headings, including headings inline with their first sentence', () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.kind === 'heading' && `${b.level}:${b.text}`);
    expect(headings).toContain('1:一、政务信息公开情况');
    expect(headings).toContain('3:1、主动公开情况');
    expect(headings).toContain('3:2、依申请公开政府信息情况和不予公开政府信息的情况');
    expect(headings).toContain('1:三、存在的不足及下步打算');
  });

  it('keeps each sentence with its section path', () => {
    const passages = splitIntoPassages(doc);
    const sentence = passages.find((p) => p.text.startsWith('2015年度,累计主动公开政府信息23000余条'));
    expect(sentence?.section).toEqual(['一、政务信息公开情况', '1、主动公开情况']);
    expect(passages[0]).toMatchObject({ kind: 'meta', section: ['文档信息'] });
    expect(passages.at(-1)).toMatchObject({ kind: 'signoff', text: '牡丹江市行政服务中心 2016年3月11日' });
  });
});

describe('parseDocument on HTML pages', () => {
  const html = `<!doctype html><html><head><meta charset="utf-8">
    <title>2016年度政府信息公开工作年度报告_某市人民政府</title>
    <meta name="ArticleTitle" content="2016年度某局政府信息公开工作年度报告">
    <meta name="PubDate" content="2017-03-20 09:30">
    <meta name="ContentSource" content="某市某局">
    <link rel="canonical" href="https://www.example.gov.cn/zwgk/2017/0320/1.html">
    <script>var tracking = 1;</script><style>p{color:red}</style></head>
    <body><nav>首页 | 政务公开 | 互动交流</nav><div class="crumbs">当前位置：首页 &gt; 政务公开</div>
    <div class="TRS_Editor"><p>一、概述</p><p>2016年，我局主动公开政府信息&nbsp;1200条。</p>
    <p>二、联系方式</p><p>咨询电话：0453-6123456。</p></div>
    <div class="tools">【打印本页】【关闭窗口】</div><footer>版权所有 某市人民政府</footer></body></html>`;
  const doc = parseDocument(html, 'html');

  it('reads metadata from the CMS meta tags and the canonical link', () => {
    expect(doc.meta).toMatchObject({
      title: '2016年度某局政府信息公开工作年度报告',
      date: '2017-03-20',
      issuer: '某市某局',
      url: 'https://www.example.gov.cn/zwgk/2017/0320/1.html',
      year: 2016,
    });
  });

  it('keeps the article body only: no scripts, styles, navigation or tools', () => {
    const text = JSON.stringify(doc.blocks);
    expect(text).toContain('2016年，我局主动公开政府信息 1200条。');
    expect(text).not.toMatch(/tracking|color:red|互动交流|打印本页|版权所有/);
  });
});

describe('parseDocument on Markdown with front matter', () => {
  it('takes title, date, issuer and url from the front matter and strips the markup', () => {
    const doc = parseDocument(
      '---\ntitle: 某中心2017年政务公开年报\ndate: 2018-01-31\nissuer: 某中心\nurl: https://example.gov.cn/a.html\n---\n\n## 一、总体情况\n\n全年公开**信息**300条，详见[网站](https://example.gov.cn)。\n',
      'md',
    );
    expect(doc.meta).toMatchObject({ title: '某中心2017年政务公开年报', date: '2018-01-31', issuer: '某中心', url: 'https://example.gov.cn/a.html' });
    expect(doc.blocks).toContainEqual({ kind: 'heading', level: 1, text: '一、总体情况' });
    expect(doc.blocks).toContainEqual({ kind: 'paragraph', text: '全年公开信息300条，详见网站。' });
  });

  it('lets sidecar metadata override what the page says', () => {
    const doc = parseDocument(defaultReport, 'txt', { url: 'https://www.example.gov.cn/report.html', title: '另一个标题' });
    expect(doc.meta.url).toBe('https://www.example.gov.cn/report.html');
    expect(doc.meta.title).toBe('另一个标题');
  });
});

describe('parseDate', () => {
  it('reads ISO, Chinese and Chinese-numeral dates', () => {
    expect(parseDate('日期:2016-03-11')).toBe('2016-03-11');
    expect(parseDate('2016年3月1日')).toBe('2016-03-01');
    expect(parseDate('二〇一六年三月十一日')).toBe('2016-03-11');
    expect(parseDate('二〇一六年十二月三十一日')).toBe('2016-12-31');
    expect(parseDate('2016-13-40')).toBeNull();
  });
});

describe('splitSentences', () => {
  it('splits after 。！？ keeping closing quotes, and after a colon that opens a list', () => {
    expect(splitSentences('他说：“好。”然后走了！对吗？')).toEqual(['他说：“好。”', '然后走了！', '对吗？']);
    expect(splitSentences('主要通过六种形式公开:一是通过外网。二是通过热线。')).toEqual([
      '主要通过六种形式公开:',
      '一是通过外网。',
      '二是通过热线。',
    ]);
  });
});

describe('parseDocument titles', () => {
  const REPORTS = new URL('../fixtures/corpus-real/reports/', import.meta.url);
  const real = (file: string) => parseDocument(readFileSync(new URL(file, REPORTS), 'utf8'), file.endsWith('.html') ? 'html' : 'txt', {}, { fileName: file });

  it('takes the given title over the page\'s, leaving the page\'s first line in the body', () => {
    const doc = parseDocument('2015年度报告\n一、概述\n内容。', 'txt', { title: '给定的标题', date: '2016-03-11', issuer: '牡丹江市行政服务中心' });
    expect(doc.meta).toMatchObject({ title: '给定的标题', date: '2016-03-11', issuer: '牡丹江市行政服务中心', year: 2015 });
  });

  it('takes the CMS meta title of a saved page, and keeps its first paragraph whole', () => {
    const doc = real('pingtan-2023.html');
    expect(doc.meta).toEqual({
      title: '平潭综合实验区2023年度政府信息公开工作年度报告',
      date: '2024-03-08',
      issuer: '平潭综合实验区管委会办公室',
      url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202403/t20240308_87885.htm',
      year: 2023,
    });
    const first = doc.blocks[0];
    expect(first?.kind === 'paragraph' && first.text.startsWith('本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号')).toBe(true);
    expect(doc.blocks.filter((b) => b.kind === 'table')).toHaveLength(3);
    expect(doc.warnings).toEqual([]);
  });

  it('takes the title line a text page opens with, and strips it from the body', () => {
    const doc = parseDocument('襄阳市行政审批局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，襄阳市行政审批局扎实推动政务公开。', 'txt');
    expect(doc.meta.title).toBe('襄阳市行政审批局2022年政府信息公开工作年度报告');
    expect(doc.stripped).toEqual(['襄阳市行政审批局2022年政府信息公开工作年度报告']);
    expect(doc.blocks[0]).toEqual({ kind: 'heading', level: 1, text: '一、总体情况' });
  });

  it('takes the 「…年度报告」 phrase of the first sentence without eating that sentence', () => {
    const doc = parseDocument('根据《条例》要求，现公布襄阳市行政审批局2022年政府信息公开工作年度报告。全年主动公开信息100条。\n一、总体情况\n内容。', 'txt');
    expect(doc.meta.title).toBe('襄阳市行政审批局2022年政府信息公开工作年度报告');
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '根据《条例》要求，现公布襄阳市行政审批局2022年政府信息公开工作年度报告。全年主动公开信息100条。' });
  });

  it('takes a short first line without a sentence as the title', () => {
    const doc = parseDocument('某局工作报告\n2023年，我局扎实推动政务公开。', 'txt');
    expect(doc.meta).toMatchObject({ title: '某局工作报告', year: 2023 });
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: '2023年，我局扎实推动政务公开。' }]);
  });

  it('falls back to the file name with a warning for staff, reading the year from the body', () => {
    const doc = real('xiangyang-xzspj-2023.txt');
    expect(doc.meta).toMatchObject({ title: 'xiangyang-xzspj-2023', year: 2023 });
    expect(doc.warnings).toEqual(['标题取自文件名「xiangyang-xzspj-2023」：页面没有标题，请在预览中填写']);
    expect(doc.blocks[0]).toEqual({ kind: 'heading', level: 1, text: '一、总体情况' });
  });
});

describe('parseDocument header fields and page chrome', () => {
  const REPORTS = new URL('../fixtures/corpus-real/reports/', import.meta.url);

  it('reads a 索引号/主题分类/发布机构/发文日期 block above the title as metadata and keeps it for the preview', () => {
    const doc = parseDocument(
      ['索引号：11350128MB0000000X/2024-00012 主题分类：政务公开', '发布机构：平潭综合实验区管委会办公室 发文日期：2024-03-08', '平潭综合实验区2023年度政府信息公开工作年度报告', '当前位置：首页 > 政务公开 > 年报', '一、总体情况', '2023年，平潭综合实验区坚持公开。'].join('\n'),
      'txt',
    );
    expect(doc.meta).toMatchObject({ title: '平潭综合实验区2023年度政府信息公开工作年度报告', date: '2024-03-08', issuer: '平潭综合实验区管委会办公室', year: 2023 });
    expect(doc.stripped).toContain('索引号：11350128MB0000000X/2024-00012 主题分类：政务公开');
    expect(doc.stripped).toContain('当前位置：首页 > 政务公开 > 年报');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: '一、总体情况' },
      { kind: 'paragraph', text: '2023年，平潭综合实验区坚持公开。' },
    ]);
  });

  it('reads the date of a 索引号 header line of the 2008 衡阳 page', () => {
    const doc = parseDocument(readFileSync(new URL('hengyang-city-2008.txt', REPORTS), 'utf8'), 'txt');
    expect(doc.meta).toMatchObject({ title: '2008年度衡阳市政府信息公开工作年度报告', date: '2009-03-31', year: 2008 });
    expect(doc.stripped).toContain('索引号:430S00/2009-69063 公开方式:政府网站 发文日期:2009-03-31 00:00:00');
  });

  it('cuts the 当前位置 chrome a text rendering ran into the first line, keeping its 来源 as the issuer', () => {
    const doc = parseDocument(readFileSync(new URL('pingtan-2021.txt', REPORTS), 'utf8'), 'txt');
    expect(doc.meta).toMatchObject({ title: '平潭综合实验区2021年度政府信息公开工作年度报告', date: '2022-02-08', issuer: '平潭县人民政府', year: 2021 });
    const first = doc.blocks[0];
    expect(first?.kind === 'paragraph' && first.text.startsWith('根据《中华人民共和国政府信息公开条例》')).toBe(true);
    expect(JSON.stringify(doc.blocks)).not.toMatch(/当前位置|QQ空间|全真版/);
  });

  it('reads several header fields of one line, and none of a body sentence that opens like one', () => {
    expect(readMetadataLine('索引号:430S00/2009-69063 公开方式:政府网站 发文日期:2009-03-31 00:00:00')).toEqual([
      { key: '索引号', field: 'other', value: '430S00/2009-69063' },
      { key: '公开方式', field: 'other', value: '政府网站' },
      { key: '发文日期', field: 'date', value: '2009-03-31 00:00:00' },
    ]);
    expect(readMetadataLine('时间：2023年，我局推进工作。')).toBeNull();
  });

  it('warns staff of a table total that differs from its parts', () => {
    const doc = parseDocument('<html><body><h1>平潭2023年度报告</h1><div class="TRS_Editor"><table><tr><td>项目</td><td>自然人</td><td>商业企业</td><td>总计</td></tr><tr><td>申请数量</td><td>80</td><td>1</td><td>90</td></tr></table><p>完。</p></div></body></html>', 'html');
    expect(doc.warnings).toEqual(['「申请数量 · 总计：90」与各项之和 81 不符（2 项）']);
  });
});
