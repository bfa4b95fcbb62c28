// Owns the shape the console's record lists share (feedback, unanswered questions, audit log): heading, lead,
// toolbar, load error, the count read out politely, one table and the pager. Imports preact and the console's modules.
import type { ComponentChildren } from 'preact';
import type { Loaded } from '../hooks.js';
import { ErrorNotice, Loading, PageHeading } from './ui.js';

/** One column of a record table. */
export interface RecordColumn<T> {
  /** The column heading. */
  label: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** The cell names the row (`<th scope="row">`): screen readers read it with every other cell of the row. */
  rowHeader?: boolean;
  /** Extra class of the cells (`nowrap`, `prewrap`, `actions`, …). */
  cellClass?: string;
  cell(row: T): ComponentChildren;
}

/** Where a paged list is, and how to move; the page keeps the cursors. */
export interface RecordPager {
  /** The line beside the buttons, e.g. 「第 1–50 组」. */
  label: string;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
}

export interface RecordListProps<T> {
  title: string;
  lead: ComponentChildren;
  toolbar: ComponentChildren;
  /** Makes the toolbar a form (Enter submits) that calls this. */
  onToolbarSubmit?: () => void;
  /** The load of the page's data: its error, whether it is loading, and whether anything came yet. */
  load: Pick<Loaded<unknown>, 'data' | 'error' | 'loading'>;
  errorTitle: string;
  rows: readonly T[];
  rowKey(row: T): string | number;
  columns: ReadonlyArray<RecordColumn<T>>;
  /** The table's name for screen readers. */
  caption: string;
  /** The count line, read out politely when it changes (e.g. 「共 3 条评价」, 「还没有评价。」). */
  summary: string;
  pager?: RecordPager | null;
}

/** A record list page: the table appears when there are rows, the pager when there is more than one page. */
export function RecordList<T>(props: RecordListProps<T>) {
  const { load, rows, columns, pager } = props;
  const toolbar = props.onToolbarSubmit ? (
    <form
      class="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        props.onToolbarSubmit!();
      }}
    >
      {props.toolbar}
    </form>
  ) : (
    <div class="toolbar">{props.toolbar}</div>
  );
  const paged = pager && (pager.onPrevious || pager.onNext) ? pager : null;
  return (
    <section aria-labelledby="page-heading">
      <div class="page-head">
        <PageHeading title={props.title}>{props.title}</PageHeading>
      </div>
      <p class="lead">{props.lead}</p>
      {toolbar}
      {load.error ? <ErrorNotice error={load.error} title={props.errorTitle} /> : null}
      {load.loading && !load.data ? <Loading /> : null}
      {load.data ? (
        <>
          <p class="result-count" role="status" aria-live="polite">
            {props.summary}
          </p>
          {rows.length > 0 ? (
            <div class="table-wrap">
              <table class="table" aria-busy={load.loading ? 'true' : 'false'}>
                <caption class="visually-hidden">{props.caption}</caption>
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c.label} scope="col" class={c.numeric ? 'num' : undefined}>
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={props.rowKey(row)}>
                      {columns.map((c) => {
                        const cls = [c.numeric ? 'num' : '', c.cellClass ?? ''].filter(Boolean).join(' ') || undefined;
                        return c.rowHeader ? (
                          <th key={c.label} scope="row" class={cls}>
                            {c.cell(row)}
                          </th>
                        ) : (
                          <td key={c.label} class={cls}>
                            {c.cell(row)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {paged ? (
            <nav class="pager" aria-label={`${props.caption}分页`}>
              <button type="button" class="button button-small" disabled={!paged.onPrevious || load.loading} onClick={() => paged.onPrevious?.()}>
                上一页
              </button>
              <span class="pager-label">{paged.label}</span>
              <button type="button" class="button button-small" disabled={!paged.onNext || load.loading} onClick={() => paged.onNext?.()}>
                下一页
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
