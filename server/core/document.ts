// Owns reading a published page (HTML, Markdown or the page's text) into metadata and body blocks, with the CMS
// page chrome stripped; pure string processing, no runtime imports.

/** Where a document came from and when; every answer cites these. */
export interface DocumentMeta {
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null when neither the page nor its sidecar says. */
  date: string | null;
  /** Issuing body (发布机构), e.g. 牡丹江市行政服务中心. */
  issuer: string | null;
  /** The page on the site that publishes the document; answers link to it. */
  url: string | null;
  /** The year the report covers (2015 for 「2015年度…报告」), else the publication year. */
  year: number | null;
}

/** A piece of the document body, in reading order. */
export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'signoff'; text: string };

/** A document read from its source page. */
export interface ParsedDocument {
  meta: DocumentMeta;
  blocks: Block[];
  /** Lines removed as page chrome (shown in the staff preview so nothing disappears unseen). */
  stripped: string[];
}

/** Source formats the ingester accepts. */
export type SourceFormat = 'txt' | 'html' | 'md';

/** Metadata given beside the page (sidecar `.meta.json` or front matter); each field overrides the page's. */
export type MetaOverrides = Partial<Omit<DocumentMeta, 'year'>> & { year?: number | null };

const SPACE = /[\s\u00a0\u3000\ufeff]+/g;
const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Formats a date found in text (2016-03-11, 2016年3月11日, 二〇一六年三月十一日) as `YYYY-MM-DD`, or null. */
export function parseDate(text: string): string | null {
  const m = DATE.exec(text);
  if (m) return formatDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const cn = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/.exec(text);
  if (!cn) return null;
  const year = Number(Array.from(cn[1]!, (c) => CN_DIGITS[c]).join(''));
  return formatDate(year, chineseNumber(cn[2]!), chineseNumber(cn[3]!));
}

function chineseNumber(text: string): number {
  if (text === '十') return 10;
  if (text.startsWith('十')) return 10 + (CN_DIGITS[text[1]!] ?? 0);
  if (text.length === 3 || text.endsWith('十')) return (CN_DIGITS[text[0]!] ?? 0) * 10 + (CN_DIGITS[text[2] ?? ''] ?? 0);
  return CN_DIGITS[text] ?? 0;
}

function formatDate(year: number, month: number, day: number): string | null {
  if (year < 1949 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Whole lines that are page chrome on government CMS pages; a line matching one is dropped.
const CHROME_LINES: RegExp[] = [
  /^(字号|字体|【?字号|文字大小)[:：]?/,
  /^(撰稿|校对|一审|二审|三审|审核|审稿|编辑|责任编辑|录入|作者|关联稿件|相关稿件|相关链接|相关文章|附件)[:：]/,
  /^(撰稿|校对|一审|二审|三审|审核|审稿|编辑|责任编辑|关联稿件|相关链接)$/,
  /扫一扫在手机打开当前页|用手机扫描二维码|手机扫码/,
  /^(上一篇|下一篇|上一条|下一条)[:：]/,
  /^(浏览次数|访问次数|阅读次数|点击数|访问量|浏览量)[:：]/,
  /^(首页|当前位置|您现在的位置|您的位置)\s*([>＞»›:：]|$)/,
  /^[^。，,]{0,40}\s[>＞»›]\s[^。，,]{0,60}$/,
  /^(分享到|分享)[:：]?/,
  /^(版权所有|主办单位|承办单位|网站标识码|ICP备|[京津沪渝黑吉辽冀晋鲁豫苏浙皖闽赣湘鄂粤琼川贵云陕甘青蒙桂宁新藏]ICP备)/,
];
const CHROME_WORDS =
  /返回顶部|打印本页|关闭本页|关闭窗口|打印此页|打印|关闭|收藏本页|加入收藏|智能问答机器人|【|】|\[|\]|[|｜]|\s/g;
const SOURCE_LINE = /^来源[:：]\s*(.*)$/;
const DATE_LINE = /^(日期|发布日期|发布时间|时间|成文日期|发文日期)[:：]\s*(.*)$/;

/**
 * Reads a document from its source text.
 *
 * @param source - the decoded page (HTML), Markdown file or plain text as copied from the page.
 * @param overrides - sidecar or caller metadata; wins over what the page says.
 * @returns metadata (title, date, issuer, url, year), body blocks and the stripped chrome lines.
 */
export function parseDocument(source: string, format: SourceFormat, overrides: MetaOverrides = {}): ParsedDocument {
  let lines: string[];
  const found: MetaOverrides = {};
  if (format === 'html') {
    const html = readHtml(source);
    Object.assign(found, html.meta);
    lines = html.lines;
  } else if (format === 'md') {
    const md = readMarkdown(source);
    Object.assign(found, md.meta);
    lines = md.lines;
  } else {
    lines = source.split(/\r\n|\r|\n/);
  }
  return readLines(lines, { ...found, ...definedOnly(overrides) });
}

function definedOnly(meta: MetaOverrides): MetaOverrides {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== '')) as MetaOverrides;
}

function clean(line: string): string {
  return line.replace(SPACE, ' ').trim();
}

function compact(line: string): string {
  return line.replace(SPACE, '');
}

function readLines(rawLines: string[], given: MetaOverrides): ParsedDocument {
  const stripped: string[] = [];
  let title = given.title ? clean(given.title) : '';
  let date = given.date ? parseDate(given.date) ?? null : null;
  let issuer = given.issuer ? clean(given.issuer) : null;

  const body: string[] = [];
  for (const raw of rawLines) {
    const line = clean(raw).replace(/^[•·●◆■□▪]\s*/, '');
    if (!line) continue;
    if (!title) {
      title = line;
      stripped.push(raw.trim());
      continue;
    }
    if (compact(line) === compact(title)) {
      stripped.push(line);
      continue;
    }
    const dateLine = DATE_LINE.exec(line);
    if (dateLine) {
      date ??= parseDate(dateLine[2] ?? '');
      const source = /来源[:：]\s*([^\s]+)/.exec(line);
      if (source?.[1] && !issuer) issuer = source[1];
      stripped.push(line);
      continue;
    }
    const sourceLine = SOURCE_LINE.exec(line);
    if (sourceLine) {
      const value = (sourceLine[1] ?? '').split(/\s/)[0];
      if (value && !issuer && !/[:：]/.test(value)) issuer = value;
      stripped.push(line);
      continue;
    }
    if (CHROME_LINES.some((re) => re.test(line)) || line.replace(CHROME_WORDS, '') === '') {
      stripped.push(line);
      continue;
    }
    body.push(line);
  }

  const blocks: Block[] = [];
  // The sign-off (issuing body, then date) closes the body; it names the issuer and the date as the report says.
  const last = body[body.length - 1];
  const beforeLast = body[body.length - 2];
  const signoffDate = last && last.length <= 20 ? parseDate(last) : null;
  let end = body.length;
  let signoff: string | null = null;
  if (signoffDate && last) {
    end -= 1;
    signoff = last;
    if (beforeLast && beforeLast.length <= 30 && !/[。，,；;：:]/.test(beforeLast)) {
      end -= 1;
      signoff = `${beforeLast} ${last}`;
      issuer ??= beforeLast;
    }
    date ??= signoffDate;
  }
  for (const line of body.slice(0, end)) blocks.push(...readBodyLine(line));
  if (signoff) blocks.push({ kind: 'signoff', text: signoff });

  const yearInTitle = /(\d{4})\s*年/.exec(title);
  const year = given.year ?? (yearInTitle ? Number(yearInTitle[1]) : date ? Number(date.slice(0, 4)) : null);
  return {
    meta: { title: title || '未命名文档', date, issuer, url: given.url ?? null, year },
    blocks,
    stripped,
  };
}

const HEADINGS: Array<{ level: number; re: RegExp }> = [
  { level: 1, re: /^[一二三四五六七八九十]{1,3}[、.．]/ },
  { level: 2, re: /^[（(][一二三四五六七八九十]{1,3}[)）]/ },
  { level: 3, re: /^\d{1,2}[、.．](?!\d)/ },
  { level: 4, re: /^[（(]\d{1,2}[)）]/ },
];
const MAX_HEADING = 40;
const MAX_INLINE_HEADING = 30;

/**
 * Splits one body line into a heading and/or paragraph: 「一、…」「（一）…」「1、…」「（1）…」 open sections; a numbered
 * line whose first sentence is short and followed by more text carries its heading inline (「1、主动公开情况。2015年度…」).
 */
function readBodyLine(line: string): Block[] {
  const heading = HEADINGS.find((h) => h.re.test(line));
  if (!heading) return [{ kind: 'paragraph', text: line }];
  const firstStop = line.search(/[。！？!?]/);
  if (firstStop === -1 || firstStop === line.length - 1) {
    if (line.length <= MAX_HEADING) return [{ kind: 'heading', level: heading.level, text: trimHeading(line) }];
    return [{ kind: 'paragraph', text: line }];
  }
  if (firstStop <= MAX_INLINE_HEADING && !/[，,；;：:]/.test(line.slice(0, firstStop))) {
    return [
      { kind: 'heading', level: heading.level, text: trimHeading(line.slice(0, firstStop)) },
      { kind: 'paragraph', text: line.slice(firstStop + 1).trim() },
    ];
  }
  return [{ kind: 'paragraph', text: line }];
}

function trimHeading(text: string): string {
  return text.replace(/[。：:；;\s]+$/, '');
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•', times: '×', copy: '©', ensp: ' ', emsp: ' ', thinsp: ' ',
};

/** Decodes HTML character references (named, decimal, hex); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD';
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function metaContent(html: string, names: string[]): string | undefined {
  for (const name of names) {
    const re = new RegExp(`<meta\\b[^>]*(?:name|property)\\s*=\\s*["']${name}["'][^>]*>`, 'i');
    const tag = re.exec(html)?.[0];
    const content = tag ? /content\s*=\s*("([^"]*)"|'([^']*)')/i.exec(tag) : null;
    const value = content?.[2] ?? content?.[3];
    if (value?.trim()) return decodeEntities(value.trim());
  }
  return undefined;
}

const CONTENT_CONTAINERS = [
  /<div\b[^>]*class\s*=\s*["'][^"']*\bTRS_Editor\b[^"']*["'][^>]*>/i,
  /<div\b[^>]*id\s*=\s*["']zoom["'][^>]*>/i,
  /<div\b[^>]*(?:class|id)\s*=\s*["'][^"']*\b(?:article-content|article_content|content-text|news_content|pages_content|main-content)\b[^"']*["'][^>]*>/i,
  /<article\b[^>]*>/i,
];

/** The inner HTML of the element whose start tag matches `start`, following nesting of the same tag name. */
function innerElement(html: string, start: RegExp): string | undefined {
  const m = start.exec(html);
  if (!m) return undefined;
  const tag = /^<([a-z0-9]+)/i.exec(m[0])?.[1]?.toLowerCase() ?? 'div';
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = m.index + m[0].length;
  let depth = 1;
  for (let t = re.exec(html); t; t = re.exec(html)) {
    depth += t[1] ? -1 : 1;
    if (depth === 0) return html.slice(m.index + m[0].length, t.index);
  }
  return html.slice(m.index + m[0].length);
}

function htmlToLines(html: string): string[] {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|iframe|object|svg|select|button|form|nav|header|footer|aside)\b[\s\S]*?<\/\1\s*>/gi, '\n')
    .replace(/<(br|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/?(p|div|li|ul|ol|h[1-6]|tr|table|section|article|blockquote|pre|dd|dt|dl|center)\b[^>]*>/gi, '\n')
    .replace(/<\/?(td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).split(/\r\n|\r|\n/);
}

function readHtml(html: string): { meta: MetaOverrides; lines: string[] } {
  const meta: MetaOverrides = {};
  const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const title =
    metaContent(html, ['ArticleTitle', 'og:title']) ??
    (heading ? decodeEntities(heading.replace(/<[^>]*>/g, '')) : undefined) ??
    (titleTag ? decodeEntities(titleTag).split(/\s[-_|–—]\s|_/)[0] : undefined);
  if (title?.trim()) meta.title = title.trim();
  const pubDate = metaContent(html, ['PubDate', 'pubdate', 'publishdate', 'article:published_time', 'firstpublishedtime']);
  if (pubDate) meta.date = pubDate;
  const source = metaContent(html, ['ContentSource', 'source', 'author']);
  if (source) meta.issuer = source;
  const canonical = /<link\b[^>]*rel\s*=\s*["']canonical["'][^>]*>/i.exec(html)?.[0];
  const href = canonical ? /href\s*=\s*["']([^"']+)["']/i.exec(canonical)?.[1] : metaContent(html, ['og:url', 'url']);
  if (href && /^https?:\/\//i.test(href)) meta.url = decodeEntities(href);

  const container = CONTENT_CONTAINERS.map((re) => innerElement(html, re)).find((inner) => inner !== undefined);
  const body = container ?? innerElement(html, /<body\b[^>]*>/i) ?? html;
  const lines = htmlToLines(body);
  // Header lines of the article (日期/来源) often sit outside the content container: read them from the whole page.
  if (container !== undefined && !meta.date) {
    const dateLine = htmlToLines(html).find((l) => DATE_LINE.test(clean(l)));
    if (dateLine) lines.unshift(dateLine);
  }
  if (meta.title) lines.unshift(meta.title);
  return { meta, lines };
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

function readMarkdown(source: string): { meta: MetaOverrides; lines: string[] } {
  const meta: MetaOverrides = {};
  let text = source.replace(/^\ufeff/, '');
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (front) {
    for (const line of front[1]!.split(/\r?\n/)) {
      const kv = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (!kv) continue;
      const value = kv[2]!.replace(/^["']|["']$/g, '');
      const key = kv[1]!.toLowerCase();
      if (key === 'title') meta.title = value;
      else if (key === 'date') meta.date = value;
      else if (key === 'issuer' || key === 'source' || key === 'publisher') meta.issuer = value;
      else if (key === 'url' || key === 'source_url') meta.url = value;
      else if (key === 'year' && /^\d{4}$/.test(value)) meta.year = Number(value);
    }
    text = text.slice(front[0].length);
  }
  const lines = text.split(/\r\n|\r|\n/).map((line) =>
    line
      .replace(/^#{1,6}\s+/, '')
      .replace(/^\s*[-*+]\s+/, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
      .replace(/^>\s?/, ''),
  );
  if (meta.title) lines.unshift(meta.title);
  return { meta, lines };
}
