import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDate, parseDocument } from '../../server/core/document.js';
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
