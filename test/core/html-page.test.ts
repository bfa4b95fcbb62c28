// readHtmlPage: one pass over a saved page — metadata from its head, the article's lines in reading order, skipped
// elements dropped, data tables apart from layout tables, and Han text broken across elements joined.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinPieces, readHtmlPage } from '../../server/core/html-page.js';

const REPORTS = new URL('../fixtures/corpus-real/reports/', import.meta.url);
const lines = (html: string) => readHtmlPage(html).items.flatMap((i) => (i.kind === 'line' ? [i.text] : []));

describe('readHtmlPage', () => {
  const page = readHtmlPage(
    '<html><head><title>平潭综合实验区2023年度报告 - 平潭</title><meta name="ArticleTitle" content="平潭综合实验区2023年度政府信息公开工作年度报告">' +
      '<meta name="PubDate" content="2024-03-08 10:00"><meta name="ContentSource" content="平潭综合实验区管委会办公室">' +
      '<link rel="canonical" href="https://www.pingtan.gov.cn/a.htm"><script>var x="脚本";</script><style>p{color:red}</style></head>' +
      '<body><nav>首页 政务公开</nav><h1>平潭综合实验区2023年度报告</h1><div class="TRS_Editor"><p>一、总体情况</p>' +
      '<p>2023年，平潭<span>综合</span>实验区</p>abc<br>def<button>打印</button></div><footer>版权所有</footer></body></html>',
  );

  it('reads title, date, issuer and canonical url from the head, and the first h1', () => {
    expect(page.meta).toEqual({
      titleTag: '平潭综合实验区2023年度报告 - 平潭',
      metaTitle: '平潭综合实验区2023年度政府信息公开工作年度报告',
      date: '2024-03-08 10:00',
      issuer: '平潭综合实验区管委会办公室',
      heading: '平潭综合实验区2023年度报告',
      url: 'https://www.pingtan.gov.cn/a.htm',
    });
  });

  it('keeps the article container only, a line per block, Han text across a span joined without a space', () => {
    expect(page.items).toEqual([
      { kind: 'line', text: '一、总体情况' },
      { kind: 'line', text: '2023年，平潭综合实验区' },
      { kind: 'line', text: 'abc' },
      { kind: 'line', text: 'def' },
    ]);
  });

  it('drops scripts, styles, navigation, buttons and footers from every line of the page', () => {
    expect(page.pageLines.join('\n')).not.toMatch(/脚本|color|首页 政务公开|打印|版权所有/);
    expect(page.pageLines).toContain('平潭综合实验区2023年度报告');
  });

  it('reads a table with values as data and one without as lines', () => {
    const items = readHtmlPage(
      '<div><table><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>2629</td></tr></table>' +
        '<table><tr><td>首页</td><td>新闻</td></tr><tr><td>联系我们</td><td>地图</td></tr></table></div>',
    ).items;
    expect(items[0]).toEqual({ kind: 'table', table: { rows: [[{ text: '信息内容', rowspan: 1, colspan: 1 }, { text: '本年处理决定数量', rowspan: 1, colspan: 1 }], [{ text: '行政许可', rowspan: 1, colspan: 1 }, { text: '2629', rowspan: 1, colspan: 1 }]] } });
    expect(items.slice(1)).toEqual([{ kind: 'line', text: '首页 新闻' }, { kind: 'line', text: '联系我们 地图' }]);
  });

  it('reads a layout table holding a data table as lines around that data table', () => {
    const items = readHtmlPage('<table><tr><td><table><tr><td>项目</td><td>数量</td></tr><tr><td>行政许可</td><td>5</td></tr></table></td></tr><tr><td>尾</td></tr></table>').items;
    expect(items.map((i) => i.kind)).toEqual(['table', 'line']);
    expect(items[1]).toEqual({ kind: 'line', text: '尾' });
  });

  it('keeps spans and joins header text broken one character per line inside a cell', () => {
    const [item] = readHtmlPage('<table><tr><td rowspan="2">申请人<br>情况</td><td colspan="2">法人</td></tr><tr><td>商<br>业<br>企<br>业</td><td>其<p>他</p></td></tr><tr><td>总计</td><td>1</td><td>2</td></tr></table>').items;
    expect(item?.kind === 'table' && item.table.rows.map((r) => r.map((cell) => `${cell.text}/${cell.rowspan}/${cell.colspan}`))).toEqual([
      ['申请人情况/2/1', '法人/1/2'],
      ['商业企业/1/1', '其他/1/1'],
      ['总计/1/1', '1/1/1', '2/1/1'],
    ]);
  });
});

describe('joinPieces', () => {
  it('joins Han pieces without a space and Latin pieces with one', () => {
    expect(joinPieces(['商业', '企业'])).toBe('商业企业');
    expect(joinPieces(['2023年', '  收到 '])).toBe('2023年收到');
    expect(joinPieces(['Total', 'count'])).toBe('Total count');
    expect(joinPieces(['abc', '', '收到'])).toBe('abc 收到');
  });
});

describe('the saved 平潭 2023 page', () => {
  const saved = readHtmlPage(readFileSync(new URL('pingtan-2023.html', REPORTS), 'utf8'));

  it('reads its three template tables inside the article and its CMS metadata', () => {
    expect(saved.items.filter((i) => i.kind === 'table')).toHaveLength(3);
    expect(saved.meta.metaTitle).toBe('平潭综合实验区2023年度政府信息公开工作年度报告');
    expect(saved.meta.issuer).toBe('平潭综合实验区管委会办公室');
  });

  it('starts the article at its opening sentence, none of the site\'s navigation before it', () => {
    const first = saved.items[0];
    expect(first?.kind === 'line' && first.text.startsWith('本报告根据《中华人民共和国政府信息公开条例》')).toBe(true);
    expect(saved.items.some((i) => i.kind === 'line' && /一、总体情况/.test(i.text))).toBe(true);
  });
});
