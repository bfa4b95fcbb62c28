// Owns reading a saved HTML page in one linear pass (htmlparser2's tokenizer, no regular expressions over markup):
// its metadata, its text lines in reading order and its data tables. Pure; no runtime imports.
import { Parser } from 'htmlparser2';
import { isValueText, type RawTable, type TableCell } from './tables.js';

/** A piece of a page's body, in reading order. */
export type PageItem = { kind: 'line'; text: string } | { kind: 'table'; table: RawTable };

/** What a page says about itself in its head (and its first heading). */
export interface PageMeta {
  /** `<meta name="ArticleTitle">`, `og:title`. */
  metaTitle?: string;
  /** The first `<h1>`'s text. */
  heading?: string;
  /** `<title>`. */
  titleTag?: string;
  /** `PubDate`, `publishdate`, `article:published_time`… */
  date?: string;
  /** `ContentSource`, `source`, `author`. */
  issuer?: string;
  /** `<link rel=canonical>` or `og:url`, when http(s). */
  url?: string;
}

/** A page read: its metadata, the body (the article container when the CMS marks one) and the whole page's lines. */
export interface HtmlPage {
  meta: PageMeta;
  items: PageItem[];
  /** Every line of the page, article or not: header lines (日期/来源) often sit outside the article. */
  pageLines: string[];
}

/** Elements whose content is never text of the page. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'select', 'button', 'textarea', 'nav', 'header', 'footer', 'aside', 'head']);
/** Elements that end a line. */
const BREAK = new Set(['br', 'hr', 'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'section', 'article', 'blockquote', 'pre', 'dd', 'dt', 'dl', 'center', 'form', 'main', 'tbody', 'thead']);
/** Class or id names that CMSs give the article container, best first. */
const CONTAINERS: Array<{ attr: 'class' | 'id'; names: RegExp }> = [
  { attr: 'class', names: /(?:^|\s)TRS_Editor(?:\s|$)/i },
  { attr: 'id', names: /^zoom$/i },
  { attr: 'class', names: /(?:^|\s)(?:article-content|article_content|content-text|news_content|pages_content|main-content)(?:\s|$)/i },
  { attr: 'id', names: /^(?:article-content|article_content|content-text|news_content|pages_content|main-content)$/i },
];
const META_NAMES: Record<string, keyof PageMeta> = {
  articletitle: 'metaTitle',
  'og:title': 'metaTitle',
  pubdate: 'date',
  publishdate: 'date',
  'article:published_time': 'date',
  firstpublishedtime: 'date',
  contentsource: 'issuer',
  source: 'issuer',
  author: 'issuer',
  'og:url': 'url',
  url: 'url',
};
/** Bounds on what a page can make the reader hold: a hostile page is cut, never a stall. */
const MAX_DEPTH = 512;
const MAX_CELLS = 40_000;

interface CellBuilder {
  rowspan: number;
  colspan: number;
  lines: string[];
  line: string;
  /** Tables nested in the cell, in order, with the line count before each (layout tables hold data tables). */
  nested: Array<{ at: number; items: PageItem[] }>;
}

interface TableBuilder {
  rows: CellBuilder[][];
  cell: CellBuilder | null;
  cells: number;
}

const HAN_EDGE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Joins text pieces of one cell or line. PDF-to-HTML conversions break header text into one character per line
 * (商业</p><p>企业): between Han characters the break is not a space.
 */
export function joinPieces(pieces: string[]): string {
  let out = '';
  for (const raw of pieces) {
    const piece = raw.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
    if (!piece) continue;
    if (out && !(HAN_EDGE.test(out[out.length - 1]!) && HAN_EDGE.test(piece[0]!))) out += ' ';
    out += piece;
  }
  return out;
}

/** Whether a table is data (rows of labels and values) rather than layout that holds the page together. */
function isDataTable(rows: CellBuilder[][]): boolean {
  const cells = rows.flat();
  if (rows.length < 2 || cells.some((c) => c.nested.length > 0)) return false;
  if (cells.some((c) => joinPieces(c.lines.concat(c.line)).length > 200)) return false;
  return cells.some((c) => isValueText(joinPieces(c.lines.concat(c.line))));
}

/**
 * Reads a decoded HTML page.
 *
 * @remarks One pass of htmlparser2's tokenizer (linear in the page, whatever its markup): skipped elements
 * (script, style, nav, header, footer…) are dropped; block elements end lines; `<table>`s with values become
 * {@link RawTable}s with their spans, and layout tables (nested tables, long text cells, no values) are read as lines.
 * The first element the CMS marks as the article (class TRS_Editor, id zoom…) bounds the body.
 */
export function readHtmlPage(html: string): HtmlPage {
  const page = scanHtml(html);
  if (page.container) {
    const inner = scanHtml(html.slice(page.container[0], page.container[1]));
    if (inner.items.length > 0) return { meta: page.meta, items: inner.items, pageLines: page.pageLines };
  }
  return { meta: page.meta, items: page.items, pageLines: page.pageLines };
}

function scanHtml(html: string): HtmlPage & { container?: [number, number] } {
  const meta: PageMeta = {};
  const stack: string[] = [];
  let skipDepth = 0;
  let inTitle = false;
  let titleText = '';
  let inHeading = 0;
  let headingText = '';
  let container = -1;
  let containerStart = -1;
  let containerEnd = -1;
  let canonical: string | undefined;

  const items: PageItem[] = [];
  const pageLines: string[] = [];
  let line: string[] = [];
  const tables: TableBuilder[] = [];
  let cells = 0;

  const target = (): CellBuilder | null => {
    const t = tables[tables.length - 1];
    return t ? t.cell : null;
  };
  const flush = () => {
    const cell = target();
    if (tables.length > 0) {
      if (cell && cell.line.trim()) {
        cell.lines.push(cell.line);
        cell.line = '';
      }
      return;
    }
    const text = joinPieces(line);
    line = [];
    if (!text) return;
    items.push({ kind: 'line', text });
    pageLines.push(text);
  };
  const emit = (produced: PageItem[]) => {
    const cell = target();
    if (tables.length > 0) {
      if (cell) cell.nested.push({ at: cell.lines.length, items: produced });
      return;
    }
    for (const item of produced) {
      items.push(item);
      if (item.kind === 'line') pageLines.push(item.text);
    }
  };
  const closeCell = (t: TableBuilder) => {
    if (!t.cell) return;
    if (t.cell.line.trim()) t.cell.lines.push(t.cell.line);
    t.cell.line = '';
    t.cell = null;
  };
  const closeTable = () => {
    const t = tables.pop();
    if (!t) return;
    closeCell(t);
    const rows = t.rows.filter((r) => r.length > 0);
    if (isDataTable(rows)) {
      const table: RawTable = {
        rows: rows.map((r) => r.map((c): TableCell => ({ text: joinPieces(c.lines), rowspan: c.rowspan, colspan: c.colspan }))),
      };
      emit([{ kind: 'table', table }]);
      return;
    }
    // Layout: each row's short cells on one line (索引号： … 发布机构： …), longer cells as their own lines.
    const out: PageItem[] = [];
    for (const row of rows) {
      const simple = row.every((c) => c.nested.length === 0 && c.lines.length <= 1 && joinPieces(c.lines).length <= 60);
      if (simple) {
        const text = row.map((c) => joinPieces(c.lines)).filter(Boolean).join(' ');
        if (text) out.push({ kind: 'line', text });
        continue;
      }
      for (const c of row) {
        let at = 0;
        for (const n of c.nested) {
          for (; at < n.at; at++) pushLine(out, c.lines[at]!);
          out.push(...n.items);
        }
        for (; at < c.lines.length; at++) pushLine(out, c.lines[at]!);
      }
    }
    emit(out);
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length >= MAX_DEPTH) return;
        stack.push(name);
        if (name === 'meta') {
          const key = (attrs.name ?? attrs.property ?? '').toLowerCase();
          const field = META_NAMES[key];
          const content = attrs.content?.trim();
          if (field && content && meta[field] === undefined) meta[field] = content;
          return;
        }
        if (name === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(attrs.rel ?? '') && attrs.href) canonical ??= attrs.href.trim();
        if (name === 'title' && !meta.titleTag) inTitle = true;
        if (SKIP.has(name) && name !== 'head') {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'h1' && meta.heading === undefined) {
          inHeading = stack.length;
          headingText = '';
        }
        if (container === -1 && (name === 'div' || name === 'article' || name === 'section' || name === 'td')) {
          if (name === 'article' || CONTAINERS.some((k) => k.names.test(attrs[k.attr] ?? ''))) {
            container = stack.length;
            containerStart = parser.endIndex + 1;
          }
        }
        if (name === 'table') {
          flush();
          tables.push({ rows: [], cell: null, cells: 0 });
          return;
        }
        const t = tables[tables.length - 1];
        if (t && name === 'tr') {
          closeCell(t);
          t.rows.push([]);
          return;
        }
        if (t && (name === 'td' || name === 'th')) {
          closeCell(t);
          if (cells++ >= MAX_CELLS) return;
          if (t.rows.length === 0) t.rows.push([]);
          const span = (v: string | undefined) => Math.max(1, Math.min(200, Number.parseInt(v ?? '1', 10) || 1));
          t.cell = { rowspan: span(attrs.rowspan), colspan: span(attrs.colspan), lines: [], line: '', nested: [] };
          t.rows[t.rows.length - 1]!.push(t.cell);
          return;
        }
        if (BREAK.has(name)) flush();
      },
      ontext(text) {
        if (inTitle) titleText += text;
        if (skipDepth > 0) return;
        if (inHeading) headingText += text;
        if (tables.length > 0) {
          const cell = target();
          if (cell) cell.line += text;
          return;
        }
        line.push(text);
      },
      onclosetag(name) {
        if (stack[stack.length - 1] !== name) {
          // htmlparser2 closes implied elements itself; a close beyond the depth bound has no open tag here.
          if (!stack.includes(name)) return;
        }
        while (stack.length > 0) {
          const open = stack.pop()!;
          closeElement(open, stack.length + 1);
          if (open === name) break;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );

  function closeElement(name: string, depth: number) {
    if (name === 'title' && inTitle) {
      inTitle = false;
      meta.titleTag = titleText.replace(/\s+/g, ' ').trim();
    }
    if (SKIP.has(name) && name !== 'head') {
      skipDepth = Math.max(0, skipDepth - 1);
      return;
    }
    if (skipDepth > 0) return;
    if (inHeading === depth) {
      inHeading = 0;
      meta.heading = joinPieces([headingText]);
    }
    if (name === 'table') {
      closeTable();
    } else if (tables.length > 0) {
      const t = tables[tables.length - 1]!;
      if (name === 'td' || name === 'th') closeCell(t);
      else if (BREAK.has(name)) flush();
    } else if (BREAK.has(name)) {
      flush();
    }
    if (container === depth) {
      containerEnd = parser.startIndex;
      container = -2;
    }
  }

  parser.write(html);
  parser.end();
  while (tables.length > 0) closeTable();
  flush();

  if (canonical && /^https?:\/\//i.test(canonical)) meta.url = canonical;
  else if (meta.url && !/^https?:\/\//i.test(meta.url)) delete meta.url;
  const end = containerEnd === -1 ? html.length : containerEnd;
  return { meta, items, pageLines, ...(containerStart >= 0 && end > containerStart ? { container: [containerStart, end] as [number, number] } : {}) };
}

function pushLine(out: PageItem[], raw: string): void {
  const text = joinPieces([raw]);
  if (text) out.push({ kind: 'line', text });
}
