// Owns reading a published page (HTML, Markdown or the page's text) into metadata, body blocks and tables, with the
// CMS page chrome stripped; pure text processing (HTML through htmlparser2), no runtime imports.
import { readHtmlPage } from './html-page.js';
import { TEMPLATE_HEADINGS } from './report-template.js';
import { readTable, type RawTable, type TableReading } from './tables.js';
import { extractTextTables, type TextItem } from './text-tables.js';
import { safeHttpUrl } from './url.js';

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
  | { kind: 'table'; table: RawTable; reading: TableReading }
  | { kind: 'signoff'; text: string };

/** A document read from its source page. */
export interface ParsedDocument {
  meta: DocumentMeta;
  blocks: Block[];
  /** Lines removed as page chrome (shown in the staff preview so nothing disappears unseen). */
  stripped: string[];
  /** What staff should check: totals that do not add up, a title taken from the file name. */
  warnings: string[];
}

/** Source formats the ingester accepts. */
export type SourceFormat = 'txt' | 'html' | 'md';

/** Metadata given beside the page (sidecar `.meta.json` or front matter); each field overrides the page's. */
export type MetaOverrides = Partial<Omit<DocumentMeta, 'year'>> & { year?: number | null };

/** What the reader knows besides the page. */
export interface ParseOptions {
  /** The file's name (`pingtan-2023.html`): the title of last resort and a year hint. */
  fileName?: string;
}

const SPACE = /[\s\u00a0\u3000\ufeff]+/g;
const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, '○': 0 };

/** Formats a date found in text (2016-03-11, 2016年3月11日, 二〇一六年三月十一日) as `YYYY-MM-DD`, or null. */
export function parseDate(text: string): string | null {
  const m = DATE.exec(text);
  if (m) return formatDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const cn = /([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/.exec(text);
  if (!cn) return null;
  const year = Number(Array.from(cn[1]!, (c) => CN_DIGITS[c] ?? 0).join(''));
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
  /^(撰稿|校对|一审|二审|三审|审核|审稿|编辑|责任编辑|录入|作者|关联稿件|相关稿件|相关链接|相关文章|附件|附件下载)[:：]/,
  /^(撰稿|校对|一审|二审|三审|审核|审稿|编辑|责任编辑|关联稿件|相关链接|附件下载|网站首页|首页)$/,
  /扫一扫在手机(打开|上查看)当前页|用手机扫描二维码|手机扫码/,
  /^(上一篇|下一篇|上一条|下一条)[:：]/,
  /^(浏览次数|访问次数|阅读次数|点击数|访问量|浏览量)[:：]/,
  /^(首页|当前位置|您现在的位置|您的位置)\s*([>＞»›:：]|$)/,
  /^[^。，,]{0,40}\s[>＞»›]\s[^。，,]{0,60}$/,
  /^(分享到|分享)[:：]?/,
  /^(版权所有|主办单位|承办单位|网站标识码|ICP备|[京津沪渝黑吉辽冀晋鲁豫苏浙皖闽赣湘鄂粤琼川贵云陕甘青蒙桂宁新藏]ICP备)/,
  /^页面链接与图片详见/,
  /^[=＝\-—_*]{5,}\s*(正文)?\s*[=＝\-—_*]*$/,
];
const CHROME_WORDS =
  /返回顶部|打印本页|关闭本页|关闭窗口|打印此页|打印|关闭|收藏本页|加入收藏|智能问答机器人|全真版|文字版|文件下载|微信|微博|QQ空间|【|】|\[|\]|[|｜]|\s/g;

/**
 * Header fields CMSs print above the article (索引号/主题分类/发布机构/发文日期 blocks, 来源/日期 lines, an archive's
 * 标题/发布时间/原文链接 header): read as metadata, never as body text. Several may share a line.
 */
const META_KEYS: Record<string, 'title' | 'date' | 'issuer' | 'url' | 'other'> = {
  标题: 'title',
  题名: 'title',
  名称: 'title',
  日期: 'date',
  发布日期: 'date',
  发布时间: 'date',
  时间: 'date',
  成文日期: 'date',
  发文日期: 'date',
  公开日期: 'date',
  生成日期: 'date',
  来源: 'issuer',
  信息来源: 'issuer',
  发布机构: 'issuer',
  发文机关: 'issuer',
  发布单位: 'issuer',
  原文链接: 'url',
  链接: 'url',
  索引号: 'other',
  主题分类: 'other',
  文号: 'other',
  发文字号: 'other',
  公开方式: 'other',
  公开范围: 'other',
  公开时限: 'other',
  栏目: 'other',
  所属栏目: 'other',
  本地目录: 'other',
  体裁分类: 'other',
  组配分类: 'other',
  有效性: 'other',
  作者: 'other',
  访问量: 'other',
};
const META_FIELD = new RegExp(`(?:^|\\s)(${Object.keys(META_KEYS).sort((a, b) => b.length - a.length).join('|')})\\s*[:：]`, 'g');

/** Reads a line of header fields (「索引号:430S00/2009-69063 公开方式:政府网站 发文日期:2009-03-31」), or null for body text. */
export function readMetadataLine(line: string): Array<{ key: string; field: (typeof META_KEYS)[string]; value: string }> | null {
  const fields = [...line.matchAll(META_FIELD)];
  if (fields.length === 0 || (fields[0]!.index ?? 0) > 0) return null;
  const out: Array<{ key: string; field: (typeof META_KEYS)[string]; value: string }> = [];
  fields.forEach((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = fields[i + 1]?.index ?? line.length;
    out.push({ key: m[1]!, field: META_KEYS[m[1]!]!, value: line.slice(from, to).trim() });
  });
  // Body text may open with 「时间：…」 too: a header line holds short values only.
  if (out.some((f) => f.value.length > 80 || /[。；]/.test(f.value))) return null;
  return out;
}

/**
 * Reads a document from its source text.
 *
 * @param source - the decoded page (HTML), Markdown file or plain text as copied from the page.
 * @param overrides - sidecar or caller metadata; wins over what the page says.
 * @returns metadata (title, date, issuer, url, year), body blocks (tables read into facts), the stripped chrome
 * lines and warnings for staff.
 *
 * @remarks Steps: format reader (HTML page / Markdown / text lines; tables found) → header fields and chrome
 * stripped → title (given, page metadata, the title lines the body opens with, the 「…年度报告」 phrase of the first
 * sentence, the file name — never a paragraph) → inline headings split → sections and paragraphs → sign-off.
 */
export function parseDocument(source: string, format: SourceFormat, overrides: MetaOverrides = {}, options: ParseOptions = {}): ParsedDocument {
  const given = definedOnly(overrides);
  const found: MetaOverrides = {};
  let items: TextItem[];
  let pageLines: string[] = [];
  const titleCandidates: string[] = [];
  if (format === 'html') {
    const page = readHtmlPage(source);
    if (page.meta.metaTitle) titleCandidates.push(page.meta.metaTitle);
    if (page.meta.heading) titleCandidates.push(page.meta.heading);
    if (page.meta.titleTag) titleCandidates.push(page.meta.titleTag.split(/\s[-_|–—]\s|_/)[0]!);
    if (page.meta.date) found.date = page.meta.date;
    if (page.meta.issuer) found.issuer = page.meta.issuer;
    if (page.meta.url) found.url = page.meta.url;
    items = page.items.flatMap((item): TextItem[] => (item.kind === 'table' ? [item] : extractTextTables([item.text])));
    pageLines = page.pageLines;
  } else if (format === 'md') {
    const md = readMarkdown(source);
    Object.assign(found, md.meta);
    if (md.meta.title) titleCandidates.push(md.meta.title);
    items = extractTextTables(md.lines);
  } else {
    items = extractTextTables(source.split(/\r\n|\r|\n/));
  }
  return readItems(items, { given, found, titleCandidates, pageLines, fileName: options.fileName });
}

/** Whether a parsed document has anything citable: a paragraph or a table. */
export function hasBody(doc: ParsedDocument): boolean {
  return doc.blocks.some((b) => b.kind === 'paragraph' || b.kind === 'table');
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

interface ReadContext {
  given: MetaOverrides;
  found: MetaOverrides;
  titleCandidates: string[];
  pageLines: string[];
  fileName: string | undefined;
}

/** A title: a short line of its own, ending like one (…年度报告, …工作报告, …年报). */
const TITLE_END = /(报告|年报|工作情况|公开情况)(?:[（(][^（()）]{0,12}[)）])?$/;
const SENTENCE_PUNCTUATION = /[。；！？!?;]/;
const TITLE_PHRASE = /((?:[\p{Script=Han}（）()]{2,30}?)?(?:\d{4}|[〇零○一二三四五六七八九]{4})年度?(?:[\p{Script=Han}（）()]{0,20}?)?(?:政府)?信息公开(?:工作)?年度报告)/u;
const YEAR_IN_TITLE = /(\d{4})\s*年/;

function readItems(items: TextItem[], context: ReadContext): ParsedDocument {
  const stripped: string[] = [];
  const warnings: string[] = [];
  const header: MetaOverrides = {};
  let lines = readHeader(items, header, stripped);

  // Title: given → page metadata → the archive header → the title lines the body opens with → the 「…年度报告」
  // phrase of the first sentence → the file name. Body text is never eaten for a title.
  let title = context.given.title ? clean(context.given.title) : '';
  const candidates = [...context.titleCandidates, header.title ?? ''].map(clean).filter((t) => t.length >= 4);
  if (!title) title = candidates[0] ?? '';
  const opening = takeTitleLines(lines);
  if (opening) {
    if (!title) title = opening.title;
    if (!title || compact(title).includes(compact(opening.title)) || compact(opening.title).includes(compact(title))) {
      stripped.push(...opening.lines);
      // Only the title lines: header fields above them (索引号, 发文日期) are still read below.
      lines = lines.filter((_, i) => !opening.at.includes(i));
    }
  }
  if (!title) title = titlePhrase(lines) ?? '';
  if (!title) {
    // A short first line without a sentence in it (「某局工作报告」 without 报告's ending) is still a title, not body.
    const first = lines.findIndex((it) => it.kind === 'line' && clean(it.text) !== '');
    const line = first >= 0 && lines[first]!.kind === 'line' ? clean((lines[first] as { text: string }).text) : '';
    if (line && line.length <= 40 && !SENTENCE_PUNCTUATION.test(line) && !/[，,：:]/.test(line) && !HEADINGS.some((h) => h.re.test(line)) && !readMetadataLine(line) && !CHROME_LINES.some((re) => re.test(line))) {
      title = line;
      stripped.push(line);
      lines = lines.filter((_, i) => i !== first);
    }
  }
  if (!title && context.fileName) {
    title = context.fileName.replace(/\.[^.]+$/, '');
    warnings.push(`标题取自文件名「${title}」：页面没有标题，请在预览中填写`);
  }
  lines = dropTitleRepeats(lines, title, stripped);

  let date = context.given.date ? parseDate(context.given.date) : null;
  date ??= context.found.date ? parseDate(context.found.date) : null;
  date ??= header.date ? parseDate(header.date) : null;
  let issuer = context.given.issuer ? clean(context.given.issuer) : context.found.issuer ? clean(context.found.issuer) : header.issuer ?? null;
  if (!date) {
    // Header lines of the article (日期/来源) often sit outside the content container: read them from the whole page.
    for (const line of context.pageLines) {
      const fields = readMetadataLine(clean(line));
      const value = fields?.find((f) => f.field === 'date')?.value;
      if (value && parseDate(value)) {
        date = parseDate(value);
        issuer ??= fields?.find((f) => f.field === 'issuer')?.value || null;
        break;
      }
    }
  }

  const body: TextItem[] = [];
  for (const item of lines) {
    if (item.kind === 'table') {
      body.push(item);
      continue;
    }
    const line = clean(item.text).replace(/^[•·●◆■□▪]\s*/, '');
    if (!line) continue;
    if (CHROME_LINES.some((re) => re.test(line)) || line.replace(CHROME_WORDS, '') === '') {
      stripped.push(line);
      continue;
    }
    const fields = readMetadataLine(line);
    if (fields) {
      for (const f of fields) {
        if (f.field === 'date') date ??= parseDate(f.value);
        if (f.field === 'issuer' && f.value && !issuer && !/[:：]/.test(f.value)) issuer = f.value.split(/\s/)[0]!;
      }
      stripped.push(line);
      continue;
    }
    const dateOnly = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+来源[:：]\s*(\S+))?$/.exec(line);
    if (dateOnly) {
      date ??= parseDate(dateOnly[1]!);
      if (dateOnly[2] && !issuer) issuer = dateOnly[2];
      stripped.push(line);
      continue;
    }
    body.push({ kind: 'line', text: line });
  }

  const blocks: Block[] = [];
  // The sign-off (issuing body, then date) closes the body; it names the issuer and the date as the report says.
  const textLines = body.filter((b): b is { kind: 'line'; text: string } => b.kind === 'line');
  const last = body[body.length - 1]?.kind === 'line' ? (body[body.length - 1] as { text: string }).text : undefined;
  const beforeLast = body[body.length - 2]?.kind === 'line' ? (body[body.length - 2] as { text: string }).text : undefined;
  const signoffDate = last && last.length <= 20 ? parseDate(last) : null;
  let end = body.length;
  let signoff: string | null = null;
  if (signoffDate && last && textLines.length > 1) {
    end -= 1;
    signoff = last;
    if (beforeLast && beforeLast.length <= 30 && !/[。，,；;：:]/.test(beforeLast)) {
      end -= 1;
      signoff = `${beforeLast} ${last}`;
      issuer ??= beforeLast;
    }
    date ??= signoffDate;
  }
  for (const item of body.slice(0, end)) {
    if (item.kind === 'table') {
      const reading = readTable(item.table);
      if (reading.facts.length === 0) continue;
      warnings.push(...reading.warnings);
      blocks.push({ kind: 'table', table: item.table, reading });
      continue;
    }
    for (const piece of splitInlineHeadings(item.text)) blocks.push(...readBodyLine(piece));
  }
  if (signoff) blocks.push({ kind: 'signoff', text: signoff });

  const url = safeHttpUrl(context.given.url ?? null) ?? safeHttpUrl(context.found.url ?? null) ?? safeHttpUrl(header.url ?? null);
  const yearInTitle = YEAR_IN_TITLE.exec(title) ?? /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(context.fileName ?? '');
  const year =
    context.given.year ?? (yearInTitle ? Number(yearInTitle[1]) : cnYear(title) ?? bodyYear(blocks) ?? (date ? Number(date.slice(0, 4)) : null));
  return {
    meta: { title: title || '未命名文档', date, issuer, url, year },
    blocks,
    stripped,
    warnings,
  };
}

/**
 * The year the body says it reports on: the statistics period (「统计期限自2021年1月1日」) or the year its first
 * paragraph opens with (「2024年，襄阳市行政审批局…」).
 */
function bodyYear(blocks: Block[]): number | null {
  const paragraphs = blocks.filter((b): b is { kind: 'paragraph'; text: string } => b.kind === 'paragraph').slice(0, 4);
  for (const p of paragraphs) {
    const period = /(?:统计期限|统计时限|时间范围|统计期间)[^。]{0,6}?((?:19|20)\d{2})年/.exec(p.text);
    if (period) return Number(period[1]);
  }
  const first = /^((?:19|20)\d{2})年/.exec(paragraphs[0]?.text ?? '');
  return first ? Number(first[1]) : null;
}

/** The year a title writes in Chinese numerals (二〇一五年度…), or null. */
function cnYear(title: string): number | null {
  const m = /([〇零○一二三四五六七八九]{4})年/.exec(title);
  return m ? Number(Array.from(m[1]!, (c) => CN_DIGITS[c] ?? 0).join('')) : null;
}

/**
 * Reads the header of the page: an archive's 「标题:/发布时间:/原文链接:」 block ended by a rule (「==== 正文 ====」), and
 * leading page chrome run into the first line of the body (「当前位置：首页… 来源：… 时间：… 微信 微博 … -->」).
 */
function readHeader(items: TextItem[], header: MetaOverrides, stripped: string[]): TextItem[] {
  const rule = items.findIndex((it, i) => i < 40 && it.kind === 'line' && /^[=＝]{5,}/.test(clean(it.text)));
  const out = [...items];
  if (rule >= 0) {
    for (const it of out.splice(0, rule + 1)) {
      if (it.kind !== 'line') continue;
      const line = clean(it.text);
      if (!line) continue;
      for (const f of readMetadataLine(line) ?? []) assignField(header, f.field, f.value);
      stripped.push(line);
    }
  }
  for (let i = 0; i < Math.min(out.length, 12); i++) {
    const it = out[i]!;
    if (it.kind !== 'line') continue;
    const trimmed = trimLeadingChrome(clean(it.text), header);
    if (trimmed === null) continue;
    stripped.push(trimmed.chrome);
    out[i] = { kind: 'line', text: trimmed.rest };
  }
  return out;
}

function assignField(meta: MetaOverrides, field: string, value: string): void {
  if (!value) return;
  if (field === 'title') meta.title ??= value;
  if (field === 'date') meta.date ??= value;
  if (field === 'issuer') meta.issuer ??= value;
  if (field === 'url') meta.url ??= value;
}

const LEADING_CHROME_END = /(相关链接[:：]\s*(?:-->)?|-->|文件下载|文字版|全真版|QQ空间|【?打印】?|字号[:：]?\s*[大中小\s]*)/g;

/** Page chrome a text rendering ran into the first body line: cut it off, keep 来源/时间 as metadata. */
function trimLeadingChrome(line: string, header: MetaOverrides): { chrome: string; rest: string } | null {
  if (!/^(当前位置|您现在的位置|您的位置)/.test(line)) return null;
  const head = line.slice(0, 400);
  let cut = -1;
  for (const m of head.matchAll(LEADING_CHROME_END)) cut = (m.index ?? 0) + m[0].length;
  if (cut < 0) return null;
  const chrome = line.slice(0, cut);
  const source = /来源[:：]\s*(\S+)/.exec(chrome)?.[1];
  const time = /时间[:：]\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(chrome)?.[1];
  if (source) header.issuer ??= source;
  if (time) header.date ??= time;
  return { chrome, rest: line.slice(cut).trim() };
}

/**
 * The title lines a body opens with: up to three short lines without sentence punctuation whose text together ends
 * like a title (「硚口区行政审批局2022年度政府」「信息公开工作年度报告」), or null when the body starts with its text.
 */
function takeTitleLines(items: TextItem[]): { title: string; lines: string[]; at: number[] } | null {
  const lines: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < Math.min(items.length, 6); i++) {
    const it = items[i]!;
    if (it.kind !== 'line') return null;
    const line = clean(it.text).replace(/^[•·●◆■□▪]\s*/, '');
    if (!line) continue;
    if (CHROME_LINES.some((re) => re.test(line)) || readMetadataLine(line)) {
      if (lines.length > 0) return null;
      continue;
    }
    if (line.length > 50 || SENTENCE_PUNCTUATION.test(line) || HEADINGS.some((h) => h.re.test(line))) return null;
    lines.push(line);
    at.push(i);
    const joined = lines.map(compact).join('');
    if (TITLE_END.test(joined) && joined.length >= 6) return { title: lines.join('').replace(SPACE, ' '), lines, at };
    if (lines.length >= 3) return null;
  }
  return null;
}

/** The 「…年度报告」 phrase of the first sentences (「现向社会公布2022年度本单位政府信息公开工作年度报告」). */
function titlePhrase(items: TextItem[]): string | null {
  let seen = 0;
  for (const it of items) {
    if (it.kind !== 'line') continue;
    const text = clean(it.text);
    const m = TITLE_PHRASE.exec(text.slice(0, 400));
    if (m) return m[1]!.replace(/^(现将|根据|按照|(?:现予?|特)?(?:向社会)?(?:公布|发布|编制))/, '');
    if (++seen >= 3) break;
  }
  return null;
}

/** Lines that repeat the title (the CMS prints it above the article, a text rendering at the start of the body). */
function dropTitleRepeats(items: TextItem[], title: string, stripped: string[]): TextItem[] {
  const t = compact(title);
  if (!t) return items;
  return items.flatMap((it, i): TextItem[] => {
    if (it.kind !== 'line') return [it];
    const line = clean(it.text);
    const c = compact(line);
    if (!c) return [];
    if (i < 12 && c.length <= t.length && c.length >= 6 && !SENTENCE_PUNCTUATION.test(line) && (t.includes(c) || c === t)) {
      stripped.push(line);
      return [];
    }
    // 「平潭综合实验区地方税务局2013年 信息公开年度报告 根据《…》」: the title run into the body's first sentence.
    if (i < 12 && c.startsWith(t) && c.length > t.length) {
      let k = 0;
      let consumed = 0;
      for (const ch of line) {
        if (k >= t.length) break;
        if (!/\s/.test(ch)) k++;
        consumed += ch.length;
      }
      stripped.push(line.slice(0, consumed));
      const rest = line.slice(consumed).trim();
      return rest ? [{ kind: 'line', text: rest }] : [];
    }
    return [it];
  });
}

const HEADINGS: Array<{ level: number; re: RegExp }> = [
  { level: 1, re: /^[一二三四五六七八九十]{1,3}[、.．]/ },
  { level: 2, re: /^(?:[（(][一二三四五六七八九十]{1,3}[)）]|[㈠-㈩])/ },
  { level: 3, re: /^\d{1,2}[、.．](?!\d)/ },
  { level: 4, re: /^[（(]\d{1,2}[)）]/ },
];
const MAX_HEADING = 40;
const MAX_INLINE_HEADING = 30;
const HEADING_KEYS = TEMPLATE_HEADINGS.map(compact);

/**
 * Splits a line that a text rendering ran several blocks into: before a numbered heading that follows the end of a
 * sentence or a space (「…提供有力保障。 （一）主动公开方面 平潭…」), and after a heading the template knows when it runs
 * straight into its text (「一、总体情况2021年，我区…」).
 */
export function splitInlineHeadings(line: string): string[] {
  if (line.length < 60) return splitTemplateHeading(line);
  const out: string[] = [];
  let start = 0;
  const marker = /(?<=[。；！？!?\s]|^)\s*([一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])/g;
  for (const m of line.matchAll(marker)) {
    const at = (m.index ?? 0) + (m[0].length - m[1]!.length);
    if (at <= start) continue;
    // A heading is short: its text runs to a space or a sentence end within 30 characters, or is a template heading.
    const rest = line.slice(at + m[1]!.length, at + m[1]!.length + 40);
    const heading = /^[^。；！？!?\s]{2,30}(?=\s|$)/.test(rest) || HEADING_KEYS.some((k) => compact(rest).startsWith(k));
    if (!heading) continue;
    out.push(line.slice(start, at).trim());
    start = at;
  }
  out.push(line.slice(start).trim());
  return out.filter(Boolean).flatMap(splitTemplateHeading);
}

/** 「一、总体情况2021年，我区…」 → the template heading and its text. */
function splitTemplateHeading(line: string): string[] {
  const m = /^([一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])\s*/.exec(line);
  if (!m) return [line];
  const rest = line.slice(m[0].length);
  const space = /^([^。；！？!?\s]{2,30})\s+(\S.*)$/.exec(rest);
  if (space && !/[，,：:]/.test(space[1]!)) return [`${m[1]}${space[1]}`, space[2]!];
  const key = HEADING_KEYS.filter((k) => rest.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  if (key && rest.length > key.length && !/^[。，,；：:）)]/.test(rest.slice(key.length))) return [`${m[1]}${key}`, rest.slice(key.length).trim()];
  return [line];
}

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
// Markdown

/** Removes Markdown's inline markup in one pass per construct (linear: no nested quantifiers). */
function stripInlineMarkdown(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; ) {
    const ch = line[i]!;
    // ![alt](src) and [text](href) keep their text.
    if ((ch === '[' || (ch === '!' && line[i + 1] === '[')) && line.indexOf(']', i) !== -1) {
      const open = ch === '!' ? i + 1 : i;
      const close = line.indexOf(']', open);
      if (line[close + 1] === '(') {
        const end = line.indexOf(')', close);
        if (end !== -1) {
          out += line.slice(open + 1, close);
          i = end + 1;
          continue;
        }
      }
    }
    if (ch === '*' || ch === '_' || ch === '`') {
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function readMarkdown(source: string): { meta: MetaOverrides; lines: string[] } {
  const meta: MetaOverrides = {};
  let text = source.replace(/^\ufeff/, '');
  if (text.startsWith('---')) {
    const lines = text.split(/\r?\n/);
    const close = lines.indexOf('---', 1);
    if (close > 0) {
      for (const line of lines.slice(1, close)) {
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
      text = lines.slice(close + 1).join('\n');
    }
  }
  const lines = text.split(/\r\n|\r|\n/).map((line) => {
    if (/^\s*\|/.test(line)) return line; // a table row: its cells are read as a table
    return stripInlineMarkdown(line.replace(/^#{1,6}\s+/, '').replace(/^\s*[-*+]\s+/, '').replace(/^>\s?/, ''));
  });
  return { meta, lines };
}
