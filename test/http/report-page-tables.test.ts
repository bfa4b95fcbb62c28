// The report pages at /reports/:slug show a report's tables as HTML tables (text escaped, spans kept), each row with
// the id a citation of one of its cells links to, so that following an answer's source lands on the row.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';
import { renderTable } from '../../server/http/pages.js';
import { loadCorpus, makeCorpus, REAL_REPORTS, testApp } from '../helpers/corpus.js';

// Without the page's own address (its <meta name="Url">), citations link to /reports/:slug on this server.
const page = readFileSync(`${REAL_REPORTS}/pingtan-2023.html`, 'utf8').replace(/<meta name="Url"[^>]*>/, '');
const corpus = loadCorpus(makeCorpus({ 'pingtan-2023.html': page }));
const app = testApp(corpus);

describe('tables on the report page', () => {
  it('renders the template tables as HTML tables with a t{table}-r{row} id on every row', async () => {
    const html = await (await app.request('/reports/pingtan-2023')).text();
    expect(corpus.index.tables.length).toBeGreaterThanOrEqual(3);
    for (const [t, table] of corpus.index.tables.entries()) {
      expect(html).toContain(`<table class="report-table" id="t${t}">`);
      for (let r = 0; r < table.rows.length; r++) expect(html).toContain(`<tr id="t${t}-r${r}">`);
    }
    expect(html).toMatch(/<tr id="t\d+-r\d+"><td colspan="3">一、本年新收政府信息公开申请数量<\/td><td>80<\/td>/);
    // The cells are shown in the tables, not again as one line per value.
    expect(html).not.toContain('本年新收政府信息公开申请数量 · 总计：');
  });

  it('lands a citation of a table cell on the row that holds it', async () => {
    const answer = (await (await app.request(`/api/ask?q=${encodeURIComponent('2023年有多少件申请因为本机关不掌握信息而没法提供？')}`)).json()) as AskResponse;
    expect(answer.matched).toBe('corpus');
    expect(answer.sources[0]!.url).toMatch(/^\/reports\/pingtan-2023#t\d+-r\d+:~:text=/);
    const anchor = /#(t\d+-r\d+)/.exec(answer.sources[0]!.url ?? '')?.[1];
    expect(anchor).toBeDefined();
    const html = await (await app.request('/reports/pingtan-2023')).text();
    const row = new RegExp(`<tr id="${anchor}">(.*?)</tr>`).exec(html)?.[1] ?? '';
    expect(row).toContain('>31<');
  });

  it('escapes cell text and keeps spans within bounds', () => {
    const html = renderTable({ doc: 0, rows: [[{ text: '<script>x</script>', rowspan: 2, colspan: 1e9 }]] }, 4);
    expect(html).toBe('<div class="table-wrap"><table class="report-table" id="t4"><tbody><tr id="t4-r0"><td rowspan="2" colspan="200">&#60;script&#62;x&#60;/script&#62;</td></tr></tbody></table></div>');
  });
});
