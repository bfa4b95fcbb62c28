// Owns showing a report's parsed table in the console: the page's layout (row and column spans kept) as an HTML
// table of text (never markup), with the totals that do not add up above it. Imports preact only.
import type { AdminReportPreview } from '../../../server/contract.js';

type PreviewTable = Extract<AdminReportPreview, { ok: true }>['tables'][number];

const span = (n: number) => (Number.isInteger(n) && n > 1 ? Math.min(n, 200) : undefined);

/** One parsed table, numbered from 1 in its report. */
export function ReportTable({ table, number }: { table: PreviewTable; number: number }) {
  return (
    <figure class="parsed-table">
      <figcaption>
        表 {number}（{table.rows.length} 行）
      </figcaption>
      {table.warnings.length > 0 ? (
        <ul class="table-warnings" aria-label={`表 ${number} 的核对提示`}>
          {table.warnings.map((w, i) => (
            <li key={i}>解析的合计与各项之和不符：{w}</li>
          ))}
        </ul>
      ) : null}
      <div class="table-scroll">
        <table class="data-table parsed">
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((c, k) => (
                  <td key={k} rowSpan={span(c.rowspan)} colSpan={span(c.colspan)}>
                    {c.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
