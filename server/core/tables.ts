// Owns reading a table (rows of cells with rowspan/colspan) into citable facts: each value with its row labels and
// its column labels, and the check of totals against their parts. Pure functions; no runtime imports.
import { LABEL_COLUMN_HEADS, TOTAL_LABELS } from './report-template.js';

/** A cell as the page gives it. */
export interface TableCell {
  text: string;
  rowspan: number;
  colspan: number;
}

/** A table as the page gives it: rows of cells, spans not yet expanded. */
export interface RawTable {
  rows: TableCell[][];
}

/** One value of a table, with the labels that say what it counts. */
export interface TableFact {
  /** Index of the row (in {@link RawTable.rows}) the value sits in. */
  row: number;
  /** Labels of the row, outermost first (三、本年度办理结果, （四）无法提供, 1.本机关不掌握相关政府信息). */
  rowLabels: string[];
  /** Labels of the column, top header row first (行政诉讼, 复议后起诉, 总计). */
  columnLabels: string[];
  /** The caption row above the block the value sits in (第二十条第（一）项), or null. */
  caption: string | null;
  value: string;
}

/** A table read: its facts and what did not add up. */
export interface TableReading {
  facts: TableFact[];
  /** Totals that differ from the sum of their parts, in words staff read in the preview. */
  warnings: string[];
}

/** Largest table read, in grid slots: bounds the work a hostile page can cause. */
const MAX_SLOTS = 40_000;
const MAX_SPAN = 200;

const YEAR = /^(?:19|20)\d{2}$/;
const NUMBER = /^[-+]?\d+(?:[.,]\d+)*(?:%|％)?$/;

/** Whether a cell's text is a value (a number, a percentage); everything else non-empty is a label. */
export function isValueText(text: string): boolean {
  return NUMBER.test(text.replace(/\s+/g, ''));
}

interface Origin {
  id: number;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  text: string;
  kind: 'value' | 'label' | 'empty';
}

/** Expands spans into a grid of origin cells, as browsers lay tables out (HTML's table model). */
function layOut(table: RawTable): { grid: Array<Array<Origin | undefined>>; width: number } {
  const grid: Array<Array<Origin | undefined>> = [];
  let width = 0;
  let slots = 0;
  let id = 0;
  table.rows.forEach((cells, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c]) c++;
      const rowspan = Math.max(1, Math.min(MAX_SPAN, cell.rowspan || 1, table.rows.length - r));
      const colspan = Math.max(1, Math.min(MAX_SPAN, cell.colspan || 1));
      slots += rowspan * colspan;
      if (slots > MAX_SLOTS) return;
      const text = cell.text.trim();
      const origin: Origin = { id: id++, row: r, col: c, rowspan, colspan, text, kind: !text ? 'empty' : isValueText(text) ? 'value' : 'label' };
      for (let dr = 0; dr < rowspan; dr++) {
        const line = (grid[r + dr] ??= []);
        for (let dc = 0; dc < colspan; dc++) line[c + dc] = origin;
      }
      c += colspan;
      width = Math.max(width, c);
    }
  });
  return { grid, width };
}

const normalizeLabel = (text: string) => text.replace(/\s+/g, '');
const isLabelColumnHead = (text: string) => LABEL_COLUMN_HEADS.includes(normalizeLabel(text));

/**
 * Reads a table into facts.
 *
 * @remarks Steps: lay the cells out on a grid (spans expanded) → a row with a value that starts in it is a data row,
 * a run of other rows is a header block (a row whose only non-empty cell starts it is the block's caption) → a data
 * row's labels are its cells before the first value → a value's column labels are the header cells above it, top
 * down, without the one spanning every value column when there is a more specific one → totals are checked.
 */
export function readTable(table: RawTable): TableReading {
  const { grid, width } = layOut(table);
  const facts: TableFact[] = [];
  let header: number[] = [];
  let caption: string | null = null;
  let block: number[] = [];
  // A row of years (2023 | 2024) heads the columns below it; it is not data.
  const yearRow = (r: number) => {
    const values = distinct(grid[r] ?? []).filter((o) => o.kind === 'value');
    return values.length >= 2 && values.every((o) => YEAR.test(o.text.trim()));
  };
  const startsValue = (r: number) => !yearRow(r) && (grid[r] ?? []).some((o) => o && o.kind === 'value' && o.row === r);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (!startsValue(r)) {
      block.push(r);
      continue;
    }
    if (block.length > 0) {
      // A new header block replaces the one before; its caption row (one non-empty cell, starting in that row) names it.
      header = [];
      caption = null;
      for (const h of block) {
        const filled = distinct(grid[h] ?? []).filter((o) => o.kind !== 'empty');
        const only = filled.length === 1 ? filled[0]! : undefined;
        if (only && only.row === h && only.col === 0 && only.rowspan === 1) caption = only.text;
        else header.push(h);
      }
      block = [];
    }
    let firstValue = row.findIndex((o) => o?.kind === 'value');
    if (firstValue < 0) firstValue = width;
    const rowLabels = distinct(row.slice(0, firstValue))
      .filter((o) => o.kind === 'label' && !isLabelColumnHead(o.text) && !header.includes(o.row))
      .map((o) => o.text);
    const valueColumns = width - firstValue;
    for (const o of distinct(row.slice(firstValue))) {
      if (o.kind !== 'value' || o.row !== r) continue;
      facts.push({ row: r, rowLabels, columnLabels: columnLabels(grid, header, o, firstValue, valueColumns), caption, value: o.text.replace(/\s+/g, '') });
    }
  }
  return { facts: facts.filter((f) => f.rowLabels.length + f.columnLabels.length > 0), warnings: checkTotals(facts) };
}

function distinct(slots: Array<Origin | undefined>): Origin[] {
  const seen = new Set<number>();
  const out: Origin[] = [];
  for (const o of slots) {
    if (!o || seen.has(o.id)) continue;
    seen.add(o.id);
    out.push(o);
  }
  return out;
}

function columnLabels(grid: Array<Array<Origin | undefined>>, header: number[], value: Origin, firstValue: number, valueColumns: number): string[] {
  const found: Origin[] = [];
  for (const h of header) {
    const o = grid[h]?.[value.col];
    if (!o || o.kind === 'empty' || found.includes(o) || o.col < firstValue || isLabelColumnHead(o.text)) continue;
    found.push(o);
  }
  // A label over every value column (申请人情况) says nothing a more specific one below it does not.
  const specific = found.filter((o) => !(o.col <= firstValue && o.colspan >= valueColumns && valueColumns > 1));
  return (specific.length > 0 ? specific : found).map((o) => o.text);
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (list: string[], prefix: string[]) => prefix.every((x, i) => list[i] === x);
const isTotal = (label: string | undefined) => label !== undefined && TOTAL_LABELS.test(normalizeLabel(label));

/**
 * Totals that differ from the sum of their parts: a column labelled 总计 against the other columns under the same
 * parent label (自然人 + 法人或其他组织…), a row labelled 总计 against the rows under the same parent row label.
 */
export function checkTotals(facts: TableFact[]): string[] {
  const warnings: string[] = [];
  const number = (v: string) => Number(v.replace(/[,%％]/g, ''));
  const report = (total: TableFact, parts: TableFact[]) => {
    if (parts.length < 2 || parts.some((p) => !Number.isFinite(number(p.value)))) return;
    const sum = parts.reduce((s, p) => s + number(p.value), 0);
    if (Math.abs(sum - number(total.value)) > 1e-6 * Math.max(1, Math.abs(sum))) {
      warnings.push(`「${formatFact(total)}」与各项之和 ${Number(sum.toFixed(6))} 不符（${parts.length} 项）`);
    }
  };
  // A total is only compared with the cells of its own row (column totals) or its own column (row totals).
  const byRow = groupBy(facts, (f) => `${f.caption}\u0001${f.row}`);
  const byColumn = groupBy(facts, (f) => `${f.caption}\u0001${f.columnLabels.join('\u0002')}`);
  for (const f of facts) {
    if (isTotal(f.columnLabels[f.columnLabels.length - 1])) {
      const parent = f.columnLabels.slice(0, -1);
      report(f, byRow.get(`${f.caption}\u0001${f.row}`)!.filter((p) => p !== f && sameList(p.rowLabels, f.rowLabels) && startsWith(p.columnLabels, parent) && p.columnLabels.length > parent.length && !isTotal(p.columnLabels[p.columnLabels.length - 1])));
    }
    if (isTotal(f.rowLabels[f.rowLabels.length - 1])) {
      const parent = f.rowLabels.slice(0, -1);
      if (parent.length === 0) continue;
      const siblings = byColumn.get(`${f.caption}\u0001${f.columnLabels.join('\u0002')}`)!.filter((p) => p !== f && sameList(p.columnLabels, f.columnLabels) && startsWith(p.rowLabels, parent) && p.rowLabels.length > parent.length && !isTotal(p.rowLabels[p.rowLabels.length - 1]));
      // Only leaves count: a row whose labels are the start of another row's is that row's parent.
      report(f, siblings.filter((p) => !siblings.some((q) => q !== p && q.rowLabels.length > p.rowLabels.length && startsWith(q.rowLabels, p.rowLabels))));
    }
  }
  return warnings;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The fact as the answer states it: the table's own labels, then the value (「本年新收政府信息公开申请数量 · 总计：30」). */
export function formatFact(fact: Pick<TableFact, 'rowLabels' | 'columnLabels' | 'value'>): string {
  return `${[...fact.rowLabels, ...fact.columnLabels].join(' · ')}：${fact.value}`;
}

/** The labels of a fact as {@link formatFact} wrote it (「行 · 列：值」), row labels then column labels, in order. */
export function readFactLabels(text: string): string[] {
  const colon = text.lastIndexOf('：');
  return (colon === -1 ? text : text.slice(0, colon))
    .split(' · ')
    .map((label) => label.trim())
    .filter(Boolean);
}
