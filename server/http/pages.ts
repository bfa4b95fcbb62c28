// Owns the HTML pages the server renders from the index: the demo page (the default report as the site shows it,
// with the robot embedded by its script tag) and one page per report; runtime-neutral, escapes all text.
import type { ContactPoint } from '../contract.js';
import type { IndexedDocument, IndexedPassage, IndexedTable, SearchIndex } from '../core/search-index.js';
import { safeHttpUrl } from '../core/url.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Site settings from `corpus/site.json`. */
export interface SiteSettings {
  /** Name shown in the page header, e.g. 牡丹江市行政服务中心. */
  siteName: string;
  /** Slug of the report shown at `/`; default: the newest report. */
  defaultReport?: string;
  /** Questions offered by the widget until staff mark FAQ entries as hot. */
  hotQuestions: string[];
  /** The site's own agency, as its reports name it; default: the agency of `defaultReport`. */
  agency?: string;
  /** Where citizens ask when the robot cannot help (the "I don't know" reply); default: the site's reports' numbers. */
  contacts?: ContactPoint[];
}

/**
 * Reads `site.json`'s fields, keeping the well-formed ones: a contact needs a label and a phone number; its address,
 * opening hours and web address (http(s) only) are kept when given.
 */
export function parseSiteSettings(data: Record<string, unknown>, fallback: SiteSettings): SiteSettings {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const contacts: ContactPoint[] = [];
  for (const raw of Array.isArray(data.contacts) ? data.contacts : []) {
    if (!raw || typeof raw !== 'object') continue;
    const c = raw as Record<string, unknown>;
    const label = text(c.label);
    const phone = text(c.phone);
    if (!label || !phone || !/\d{5,}/.test(phone.replace(/\D/g, ''))) continue;
    const address = text(c.address);
    const hours = text(c.hours);
    const web = safeHttpUrl(c.web);
    contacts.push({ label, phone, ...(address ? { address } : {}), ...(hours ? { hours } : {}), ...(web ? { web } : {}) });
  }
  return {
    siteName: typeof data.siteName === 'string' ? data.siteName : fallback.siteName,
    ...(typeof data.defaultReport === 'string' ? { defaultReport: data.defaultReport } : {}),
    hotQuestions: Array.isArray(data.hotQuestions) ? data.hotQuestions.filter((q): q is string => typeof q === 'string') : [],
    ...(typeof data.agency === 'string' && data.agency.trim() ? { agency: data.agency.trim() } : {}),
    ...(contacts.length > 0 ? { contacts } : {}),
  };
}

/** A cell's span as the page may give it: a whole number from 1 to 200. */
const span = (n: number) => (Number.isInteger(n) && n > 1 ? Math.min(n, 200) : 1);

/**
 * A report's table as HTML, laid out as the page gave it (spans kept), each row with the id citations of its cells
 * link to (`t{table}-r{row}`, see cellUrl in server/core/answer.ts). Cell text is escaped.
 */
export function renderTable(table: IndexedTable, tableIndex: number): string {
  const rows = table.rows.map((row, r) => {
    const cells = row
      .map((c) => {
        const rowspan = span(c.rowspan);
        const colspan = span(c.colspan);
        return `<td${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}${colspan > 1 ? ` colspan="${colspan}"` : ''}>${escapeHtml(c.text)}</td>`;
      })
      .join('');
    return `<tr id="t${tableIndex}-r${r}">${cells}</tr>`;
  });
  return `<div class="table-wrap"><table class="report-table" id="t${tableIndex}"><tbody>${rows.join('')}</tbody></table></div>`;
}

function renderBody(passages: IndexedPassage[], tables: ReadonlyArray<IndexedTable | undefined> = [], docTables: number[] = []): string {
  const out: string[] = [];
  const shown = new Set<number>();
  let section: string[] = [];
  let paragraph: number | null = null;
  let open = false;
  const close = () => {
    if (open) out.push('</p>');
    open = false;
  };
  for (const p of passages) {
    if (p.kind === 'meta') continue;
    // A table's cells are passages (one per value, for citing); the page shows the table itself, where its first cell is.
    if (p.cell && shown.has(p.cell.table)) continue;
    if (p.kind === 'signoff') {
      close();
      const [issuer, ...rest] = p.text.split(' ');
      out.push(`<p class="signoff">${escapeHtml(issuer ?? '')}<br>${escapeHtml(rest.join(' '))}</p>`);
      continue;
    }
    let same = 0;
    while (same < section.length && same < p.section.length && section[same] === p.section[same]) same++;
    if (same < p.section.length || same < section.length) {
      close();
      for (let level = same; level < p.section.length; level++) {
        const tag = `h${Math.min(level + 2, 5)}`;
        out.push(`<${tag}>${escapeHtml(p.section[level]!)}</${tag}>`);
      }
      section = p.section;
      paragraph = null;
    }
    if (p.cell) {
      close();
      const table = tables[p.cell.table];
      if (table) out.push(renderTable(table, p.cell.table));
      shown.add(p.cell.table);
      paragraph = null;
      continue;
    }
    if (p.paragraph !== paragraph) {
      close();
      out.push('<p>');
      open = true;
      paragraph = p.paragraph;
    }
    out.push(escapeHtml(p.text));
  }
  close();
  // Tables that gave no citable value (labels only) still show, after the text.
  for (const t of docTables) if (!shown.has(t) && tables[t]) out.push(renderTable(tables[t]!, t));
  return out.join('');
}

function layout(title: string, site: SiteSettings, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${escapeHtml(site.siteName)}</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header class="site-header" id="top">
<div class="site-name">${escapeHtml(site.siteName)}</div>
<nav class="breadcrumb" aria-label="当前位置">当前位置：<a href="/">首页</a> &gt; <a href="/reports">政府信息公开年度报告</a></nav>
</header>
${main}
<footer class="site-footer">
<p>主办单位：${escapeHtml(site.siteName)}</p>
</footer>
<script src="/assets/site.js" defer></script>
<script src="/widget.js" defer></script>
</body>
</html>
`;
}

/** The page of one report, as the site publishes it, with the robot embedded the way a webmaster embeds it. */
export function renderReportPage(index: SearchIndex, docIndex: number, site: SiteSettings): string {
  const doc = index.documents[docIndex]!;
  const passages = index.passages.filter((p) => p.doc === docIndex);
  const docTables = [...index.tables.keys()].filter((t) => index.tables[t]!.doc === docIndex);
  const meta = [doc.date ? `日期：${escapeHtml(doc.date)}` : '', `来源：${escapeHtml(doc.issuer ?? '')}`]
    .filter(Boolean)
    .join('&nbsp;&nbsp;');
  return layout(
    doc.title,
    site,
    `<main class="article">
<h1>${escapeHtml(doc.title)}</h1>
<div class="article-meta">${meta}<span class="font-size">字号：<button type="button" data-font="20">大</button><button type="button" data-font="17">中</button><button type="button" data-font="15">小</button></span></div>
<article class="article-body">
${renderBody(passages, index.tables, docTables)}
</article>
<div class="article-tools">
<a href="#top">返回顶部</a>
<a href="#" data-print>打印本页</a>
<a href="#" data-close>关闭本页</a>
<a href="#" data-qa-open>智能问答机器人</a>
</div>
</main>`,
  );
}

/** The list of reports. */
export function renderReportList(index: SearchIndex, site: SiteSettings): string {
  const items = [...index.documents.entries()]
    .sort(([, a], [, b]) => (b.date ?? '').localeCompare(a.date ?? ''))
    .map(
      ([, d]: [number, IndexedDocument]) =>
        `<li><a href="/reports/${encodeURIComponent(d.slug)}">${escapeHtml(d.title)}</a> <span class="date">${escapeHtml(d.date ?? '')}</span></li>`,
    )
    .join('\n');
  return layout(
    '政府信息公开年度报告',
    site,
    `<main class="article"><h1>政府信息公开年度报告</h1><ul class="report-list">${items}</ul>
<div class="article-tools"><a href="#" data-qa-open>智能问答机器人</a></div></main>`,
  );
}

/** Which document the demo page at `/` shows: the configured one, else the newest. */
export function defaultDocument(index: SearchIndex, site: SiteSettings): number {
  const configured = index.documents.findIndex((d) => d.slug === site.defaultReport);
  if (configured !== -1) return configured;
  let best = 0;
  index.documents.forEach((d, i) => {
    if ((d.date ?? '') > (index.documents[best]!.date ?? '')) best = i;
  });
  return best;
}

/** Styles of the demo site (a typical government CMS article page). */
export const SITE_CSS = `
body{margin:0;font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;background:#f3f3f3;line-height:1.8}
.site-header{background:#b71c1c;color:#fff;padding:16px 24px}
.site-name{font-size:24px;font-weight:bold}
.breadcrumb{font-size:14px;margin-top:4px}
.breadcrumb a{color:#fff}
.article{max-width:960px;margin:24px auto;background:#fff;padding:32px 48px;box-sizing:border-box}
.article h1{text-align:center;font-size:24px;color:#b71c1c}
.article-meta{text-align:center;color:#666;font-size:14px;border-bottom:1px solid #ddd;padding-bottom:12px}
.font-size{margin-left:16px}
.font-size button{border:0;background:none;color:#1565c0;cursor:pointer;font-size:14px;padding:0 4px}
.article-body{font-size:16px}
.article-body p{text-indent:2em;margin:.6em 0}
.article-body h2,.article-body h3,.article-body h4,.article-body h5{font-size:1em;margin:1em 0 .4em;text-indent:2em}
.article-body p.signoff{text-align:right;text-indent:0}
.article-tools{text-align:right;border-top:1px solid #ddd;margin-top:24px;padding-top:12px}
.article-tools a{margin-left:16px;color:#1565c0}
.table-wrap{overflow-x:auto;margin:1em 0}
.report-table{border-collapse:collapse;font-size:14px;line-height:1.5;min-width:60%}
.report-table td{border:1px solid #999;padding:4px 8px;text-align:center;vertical-align:middle}
.report-table tr:target{background:#fff3c4}
.report-list li{margin:.5em 0}
.report-list .date{color:#666;margin-left:1em}
.site-footer{text-align:center;color:#666;font-size:13px;padding:16px}
@media (max-width:768px){.article{margin:0;padding:16px}}
@media print{.site-header,.article-tools,.site-footer{display:none}}
`;

/** Behaviour of the demo site's own links (print, close, font size), as a separate script for a strict CSP. */
export const SITE_JS = `
document.addEventListener('click', function (e) {
  var t = e.target;
  if (!(t instanceof Element)) return;
  if (t.closest('[data-print]')) { e.preventDefault(); window.print(); }
  if (t.closest('[data-close]')) { e.preventDefault(); window.close(); }
  var f = t.closest('[data-font]');
  if (f) { var body = document.querySelector('.article-body'); if (body) body.style.fontSize = f.getAttribute('data-font') + 'px'; }
});
`;
