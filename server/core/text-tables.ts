// Owns finding tables in text pages: `|`- or tab-separated rows, one cell per line, and the national template's
// tables flattened into one line by a text rendering (only where the cells can be read exactly). Pure; no runtime
// imports.
import { normalizeText } from './normalize.js';
import { DISCLOSURE_BLOCKS, LABEL_COLUMN_HEADS, TEMPLATE_HEADINGS, TEMPLATE_TABLES, type ColumnPath } from './report-template.js';
import { isValueText, type RawTable, type TableCell } from './tables.js';

/** A piece of a text page's body: a line of text, or a table found among the lines. */
export type TextItem = { kind: 'line'; text: string } | { kind: 'table'; table: RawTable };

/** A token of a table written without its layout: a label, or a value (`merged` when digits of several cells ran together). */
type Token = { kind: 'label'; text: string } | { kind: 'value'; text: string; merged: boolean } | { kind: 'heading'; text: string };

/** Matching form of a label: normalized width and case, no white space. */
const key = (text: string) => normalizeText(text).replace(/\s+/g, '');

const DELIMITED = /[|\t]/;
const SENTENCE_END = /[。！？!?]$/;

/**
 * Finds the tables among a text page's lines; every other line is returned as it is.
 *
 * @remarks Steps: runs of `|`/tab rows → tables; runs of short lines with many bare numbers (one cell per line) →
 * tables, read with the template's headers when the page's header matches one; template tables flattened into a
 * line of prose (「规章000行政规范性文件8855698…」) → the rows whose digits can be split exactly (one value column, or
 * one digit per column), the rest dropped rather than guessed; what surrounds them stays prose.
 */
export function extractTextTables(lines: string[]): TextItem[] {
  const out: TextItem[] = [];
  let i = 0;
  while (i < lines.length) {
    const delimited = takeDelimited(lines, i);
    if (delimited) {
      out.push({ kind: 'table', table: delimited.table });
      i = delimited.next;
      continue;
    }
    const cellRun = takeCellPerLine(lines, i);
    if (cellRun) {
      out.push(...cellRun.items);
      i = cellRun.next;
      continue;
    }
    out.push(...readFlattened(lines[i]!));
    i++;
  }
  return out;
}

// ─── | and tab rows ─────────────────────────────────────────────────────────────────────────────────────────────

function splitDelimited(line: string): string[] | null {
  if (!DELIMITED.test(line)) return null;
  const sep = line.includes('|') ? '|' : '\t';
  let cells = line.split(sep).map((c) => c.trim());
  if (line.trim().startsWith(sep)) cells = cells.slice(1);
  if (line.trim().endsWith(sep)) cells = cells.slice(0, -1);
  if (cells.length < 2) return null;
  return cells;
}

function takeDelimited(lines: string[], start: number): { table: RawTable; next: number } | null {
  const rows: string[][] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      if (rows.length > 0 && splitDelimited(lines[i + 1] ?? '')) continue;
      break;
    }
    const cells = splitDelimited(line);
    if (!cells) break;
    if (cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) continue; // Markdown's |---|---| rule
    rows.push(cells);
  }
  if (rows.length < 2 || !rows.flat().some(isValueText)) return null;
  return { table: { rows: rows.map((r) => r.map((text): TableCell => ({ text, rowspan: 1, colspan: 1 }))) }, next: i };
}

// ─── One cell per line ──────────────────────────────────────────────────────────────────────────────────────────

const MAX_CELL_LINE = 60;

function takeCellPerLine(lines: string[], start: number): { items: TextItem[]; next: number } | null {
  const cells: string[] = [];
  let i = start;
  let end = start;
  for (; i < lines.length; i++) {
    const text = lines[i]!.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
    if (!text) continue;
    if (text.length > MAX_CELL_LINE || SENTENCE_END.test(text) || DELIMITED.test(lines[i]!)) break;
    cells.push(text);
    end = i + 1;
  }
  const values = cells.filter(isValueText).length;
  if (cells.length < 6 || values < 3 || values < cells.length / 4) return null;
  const items = buildTables(cells.map((text): Token => (isValueText(text) ? { kind: 'value', text, merged: false } : labelToken(text))));
  return { items, next: end };
}

function labelToken(text: string): Token {
  return headingOf(text) ? { kind: 'heading', text } : { kind: 'label', text };
}

// ─── Building tables from a stream of labels and values ─────────────────────────────────────────────────────────

interface LogicalRow {
  labels: string[];
  values: string[];
}

interface Block {
  caption: string | null;
  /** Label over the label column (信息内容), when the page has one. */
  corner: string | null;
  columns: ColumnPath[];
  rows: LogicalRow[];
}

const CAPTION = /^第[二十]+条第[（(][一二三四五六七八九十]+[)）]项$/;
const LEVELS: Array<[number, RegExp]> = [
  [1, /^[一二三四五六七八九十]+、/],
  [2, /^[（(][一二三四五六七八九十]+[)）]/],
  [3, /^\d{1,2}[.．、]/],
];
const levelOf = (label: string) => LEVELS.find(([, re]) => re.test(label))?.[0] ?? 0;
const TEMPLATE_COLUMN_KEYS = new Set(DISCLOSURE_BLOCKS.flatMap((b) => b.columns).map(key));
const HEAD_KEYS = new Set(LABEL_COLUMN_HEADS.map(key));

/** The template table whose header the labels start with (after any caption), and how many labels it took. */
function matchTemplateHeader(labels: string[]): { columns: ColumnPath[]; used: number } | null {
  for (const table of TEMPLATE_TABLES) {
    const want = table.header.map(key).join('');
    let got = '';
    for (let n = 0; n < labels.length; n++) {
      got += key(labels[n]!);
      if (got === want) return { columns: table.columns, used: n + 1 };
      if (!want.startsWith(got)) break;
    }
  }
  return null;
}

/**
 * Splits the values of a row into its cells. Values written apart are cells; digits run together (「000」 for three
 * columns, 「10690」 for one) are split only where that is exact: one column, or one digit per column.
 */
function splitValues(values: Array<{ text: string; merged: boolean }>, columns: number): string[] | null {
  if (values.length === columns) return values.map((v) => v.text);
  if (values.length === 1) {
    const only = values[0]!.text;
    if (columns === 1) return [only];
    if (/^\d+$/.test(only) && only.length === columns) return Array.from(only);
  }
  return null;
}

function buildTables(tokens: Token[]): TextItem[] {
  const out: TextItem[] = [];
  let blocks: Block[] = [];
  let block: Block | null = null;
  let parents: Array<{ level: number; text: string }> = [];
  let pending: string[] = [];
  const finish = () => {
    const table = toRawTable(blocks);
    if (table) out.push({ kind: 'table', table });
    blocks = [];
    block = null;
    parents = [];
  };
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === 'heading') {
      finish();
      pending = [];
      out.push({ kind: 'line', text: token.text });
      continue;
    }
    if (token.kind === 'label') {
      pending.push(token.text);
      continue;
    }
    const values: Array<{ text: string; merged: boolean }> = [];
    for (; t < tokens.length && tokens[t]!.kind === 'value'; t++) values.push(tokens[t] as { text: string; merged: boolean });
    t--;
    let labels = pending;
    pending = [];
    // A new header: a caption (第二十条第（一）项), the label-column head (信息内容), or a template table's header.
    let caption: string | null = null;
    if (labels.length > 0 && CAPTION.test(key(labels[0]!))) {
      caption = labels[0]!;
      labels = labels.slice(1);
    }
    const template = matchTemplateHeader(labels);
    if (template) {
      if (!caption && blocks.length > 0) finish();
      block = { caption, corner: null, columns: template.columns, rows: [] };
      blocks.push(block);
      labels = labels.slice(template.used);
    } else {
      const head = labels.findIndex((l) => HEAD_KEYS.has(key(l)));
      const known = labels.filter((l) => TEMPLATE_COLUMN_KEYS.has(key(l)));
      if (head >= 0 || caption || (known.length > 0 && known.length === labels.length - 1)) {
        const after = head >= 0 ? labels.slice(head + 1) : labels;
        const columns = after.slice(0, -1);
        if (columns.length === 0) continue;
        block = { caption, corner: head >= 0 ? labels[head]! : null, columns: columns.map((c) => [c]), rows: [] };
        blocks.push(block);
        labels = after.slice(-1);
      }
    }
    if (!block) continue;
    // Row labels: numbered ones nest (三、 › （一） › 1.), others stand alone.
    for (const label of labels) {
      const level = levelOf(label);
      if (level === 0) {
        parents = [];
        parents.push({ level: 9, text: label });
        continue;
      }
      parents = parents.filter((p) => p.level < level && p.level !== 9);
      parents.push({ level, text: label });
    }
    const cells = splitValues(values, (block as Block).columns.length);
    if (!cells) continue; // ambiguous digits: never guessed
    (block as Block).rows.push({ labels: parents.map((p) => p.text), values: cells });
  }
  finish();
  return out;
}

/** Lays logical blocks out as a table the HTML reader would have produced: caption rows, header rows, data rows. */
function toRawTable(blocks: Block[]): RawTable | null {
  const used = blocks.filter((b) => b.rows.length > 0);
  if (used.length === 0) return null;
  const depth = Math.max(1, ...used.flatMap((b) => b.rows.map((r) => r.labels.length)));
  const width = depth + Math.max(...used.map((b) => b.columns.length));
  const cell = (text: string, colspan = 1, rowspan = 1): TableCell => ({ text, colspan, rowspan });
  const rows: TableCell[][] = [];
  for (const b of used) {
    if (b.caption) rows.push([cell(b.caption, width)]);
    const headerDepth = Math.max(...b.columns.map((c) => c.length));
    for (let level = 0; level < headerDepth; level++) {
      const row: TableCell[] = level === 0 ? [cell(b.corner ?? '', depth, headerDepth)] : [];
      for (let c = 0; c < b.columns.length; ) {
        const path = b.columns[c]!;
        if (path.length <= level) {
          c++;
          continue;
        }
        // A label spans the columns that share the path up to it; a path that ends here spans the rows below.
        let span = 1;
        while (c + span < b.columns.length && b.columns[c + span]!.slice(0, level + 1).join('\n') === path.slice(0, level + 1).join('\n')) span++;
        const rowspan = path.length === level + 1 ? headerDepth - level : 1;
        row.push(cell(path[level]!, span, rowspan));
        c += span;
      }
      rows.push(row);
    }
    for (const r of b.rows) {
      const labels = r.labels.length > 0 ? r.labels : [''];
      const row = labels.map((l, i) => cell(l, i === labels.length - 1 ? depth - labels.length + 1 : 1));
      for (const v of r.values) row.push(cell(v));
      rows.push(row);
    }
  }
  return { rows };
}

// ─── Template tables flattened into a line ──────────────────────────────────────────────────────────────────────

interface LabelEntry {
  key: string;
  text: string;
  heading: boolean;
}

let labelEntries: Map<string, LabelEntry[]> | null = null;

/** Every label of the template, by its first two matching characters, longest first. */
function templateLabels(): Map<string, LabelEntry[]> {
  if (labelEntries) return labelEntries;
  const texts = new Set<string>();
  for (const b of DISCLOSURE_BLOCKS) [b.caption, ...b.columns, ...b.rows].forEach((t) => texts.add(t));
  for (const t of TEMPLATE_TABLES) {
    t.header.forEach((h) => texts.add(h));
    t.rows.forEach((r) => r.split(' › ').forEach((part) => texts.add(part)));
  }
  LABEL_COLUMN_HEADS.forEach((h) => texts.add(h));
  const map = new Map<string, LabelEntry[]>();
  const add = (text: string, heading: boolean) => {
    const k = key(text);
    if (k.length < 2) return;
    const list = map.get(k.slice(0, 2)) ?? [];
    list.push({ key: k, text, heading });
    map.set(k.slice(0, 2), list);
  };
  texts.forEach((t) => add(t, false));
  for (const h of TEMPLATE_HEADINGS) for (const n of '一二三四五六七') add(`${n}、${h}`, true);
  for (const list of map.values()) list.sort((a, b) => b.key.length - a.key.length);
  labelEntries = map;
  return map;
}

/** Whether a line is one of the template's numbered headings (「三、收到和处理政府信息公开申请情况」). */
function headingOf(text: string): boolean {
  const k = key(text);
  return (templateLabels().get(k.slice(0, 2)) ?? []).some((e) => e.heading && e.key === k);
}

let headKeys: Set<string> | null = null;
/** The keys of the template tables' first header cells (a flattened table may start at one). */
function tableHeadKeys(): Set<string> {
  headKeys ??= new Set(TEMPLATE_TABLES.map((t) => key(t.header[0]!)));
  return headKeys;
}

/**
 * Reads the template tables a text rendering flattened into a line of prose: labels are found by the template's
 * words, the digits between them are values; the prose before and after stays as lines.
 */
function readFlattened(line: string): TextItem[] {
  const chars = Array.from(line);
  const compact: string[] = [];
  const offsets: number[] = [];
  chars.forEach((ch, i) => {
    for (const n of normalizeText(ch)) {
      if (/\s/.test(n)) continue;
      compact.push(n);
      offsets.push(i);
    }
  });
  const text = compact.join('');
  if (text.length < 20) return [{ kind: 'line', text: line }];
  const labels = templateLabels();
  type Hit = { start: number; end: number; entry: LabelEntry };
  const hits: Hit[] = [];
  for (let at = 0; at < text.length; ) {
    const entry = (labels.get(text.slice(at, at + 2)) ?? []).find((e) => text.startsWith(e.key, at));
    if (entry) {
      hits.push({ start: at, end: at + entry.key.length, entry });
      at += entry.key.length;
    } else at++;
  }
  // A flattened table starts at a caption, a template header or the label-column head, and holds values.
  const opens = (h: Hit) => CAPTION.test(h.entry.key) || HEAD_KEYS.has(h.entry.key) || tableHeadKeys().has(h.entry.key);
  // Steps: find the next region that holds values → the prose before it is a line → its tables → on after it.
  const out: TextItem[] = [];
  let proseFrom = 0;
  let o = 0;
  while (o < hits.length) {
    const hit = hits[o]!;
    const found = opens(hit) ? readRegion(hits, o, text, chars, offsets) : null;
    if (!found || found.tokens.filter((t) => t.kind === 'value').length < 2) {
      o++;
      continue;
    }
    const startChar = offsets[hit.start]!;
    const endChar = found.end < offsets.length ? offsets[found.end]! : chars.length;
    const before = chars.slice(proseFrom, startChar).join('').trim();
    if (before) out.push({ kind: 'line', text: before });
    out.push(...buildTables(found.tokens));
    proseFrom = endChar;
    // What follows is read as a line of its own would be: too short to hold a table, it stays prose.
    if (text.length - found.end < 20) break;
    while (o < hits.length && hits[o]!.start < found.end) o++;
  }
  if (out.length === 0) return [{ kind: 'line', text: line }];
  const after = chars.slice(proseFrom).join('').trim();
  if (after) out.push({ kind: 'line', text: after });
  return out;
}

/** The labels and values of a flattened table from its opening label on, and where it ends (compact offset). */
function readRegion(hits: Array<{ start: number; end: number; entry: LabelEntry }>, opener: number, text: string, chars: readonly string[], offsets: number[]): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let last = hits[opener]!.start;
  for (let h = opener; h < hits.length; h++) {
    const hit = hits[h]!;
    if (!gapIsValues(text.slice(last, hit.start))) break;
    // A heading continues the region only when a table follows it; otherwise it opens the prose after the tables.
    const next = hits[h + 1];
    if (hit.entry.heading && !(next && !next.entry.heading && gapIsValues(text.slice(hit.end, next.start)))) {
      pushValues(tokens, chars, offsets, last, hit.start);
      return { tokens, end: hit.start };
    }
    pushValues(tokens, chars, offsets, last, hit.start);
    tokens.push(hit.entry.heading ? { kind: 'heading', text: hit.entry.text } : { kind: 'label', text: hit.entry.text });
    last = hit.end;
  }
  // Values after the last label, up to where prose starts.
  const tail = /^[\d.\-\s（）()、：:]*/.exec(text.slice(last))?.[0] ?? '';
  let trailing = tail.replace(/[^\d]+$/, '');
  // Digits that run into prose (「2023年」) are the prose's, not the table's.
  const at = last + trailing.length;
  const touching = at < offsets.length && at > 0 && offsets[at]! - offsets[at - 1]! === 1;
  if (touching && /^\p{Script=Han}/u.test(text.slice(at))) trailing = trailing.replace(/[\d.]+$/, '').replace(/[^\d]+$/, '');
  pushValues(tokens, chars, offsets, last, last + trailing.length);
  return { tokens, end: last + trailing.length };
}

/** Between two labels of a flattened table only values, spaces and bracket or list punctuation may stand. */
function gapIsValues(gap: string): boolean {
  return /^(?:[\d.\-/\s（）()、：:，,]|万元|元|件|条|个|%)*$/.test(gap);
}

/** Values between two compact offsets: runs separated by white space in the source are separate cells. */
function pushValues(tokens: Token[], chars: readonly string[], offsets: number[], from: number, to: number): void {
  if (to <= from) return;
  const source = chars.slice(offsets[from]!, to < offsets.length ? offsets[to]! : undefined).join('');
  for (const piece of source.split(/[\s\u00a0\u3000]+/)) {
    const value = normalizeText(piece).replace(/[^\d.\-]/g, '');
    if (!value || !/\d/.test(value)) continue;
    tokens.push({ kind: 'value', text: value, merged: value.replace(/\D/g, '').length > 1 });
  }
}
