// The staff preview of an upload reads it as the build does: the agency it is of with the short forms citizens may
// use, the parsed tables (spans kept) with the totals that do not add up, and the document's warnings.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminReportPreview, AdminReportPreviewResponse } from '../../server/contract.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { makeCorpus, REAL_REPORTS, testConfig } from '../helpers/corpus.js';

const TOKEN = 'preview-test-token-0123456789';
const node = createNodeApp(
  testConfig({
    CORPUS_DIR: makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt') }),
    INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-preview-')), 'index'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-preview-data-')),
    ADMIN_TOKEN: TOKEN,
  }),
  createLogger('silent'),
);
afterAll(() => node.store.close());

async function preview(name: string, path: string): Promise<Extract<AdminReportPreview, { ok: true }>> {
  const res = await node.app.request('/api/admin/reports/preview', {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ name, content: readFileSync(path).toString('base64') }] }),
  });
  expect(res.status).toBe(200);
  const [first] = ((await res.json()) as AdminReportPreviewResponse).previews;
  expect(first!.ok).toBe(true);
  return first as Extract<AdminReportPreview, { ok: true }>;
}

describe('report preview', () => {
  it('shows the derived agency, its short forms and the template tables of a saved CMS page', async () => {
    const p = await preview('pingtan-2023.html', `${REAL_REPORTS}/pingtan-2023.html`);
    expect(p.agency).toBe('平潭综合实验区');
    expect(p.agencyKnown).toBe(false);
    expect(p.shortForms).toContain('平潭');
    expect(p.tables.length).toBeGreaterThanOrEqual(3);
    const applications = p.tables.find((t) => t.rows.some((r) => r.some((c) => c.text === '一、本年新收政府信息公开申请数量')))!;
    const row = applications.rows.find((r) => r[0]!.text === '一、本年新收政府信息公开申请数量')!;
    expect(row.map((c) => c.text)).toEqual(['一、本年新收政府信息公开申请数量', '80', '1', '0', '0', '0', '0', '81']);
    expect(row[0]).toMatchObject({ colspan: 3, rowspan: 1 });
  }, 60_000);

  it('says where a parsed total is not the sum of its parts, on the table and among the warnings', async () => {
    const p = await preview('table-total-mismatch.txt', 'test/fixtures/reports/table-total-mismatch.txt');
    expect(p.agency).toBe('襄阳市行政审批局');
    expect(p.shortForms).toEqual(expect.arrayContaining(['襄阳', '审批局']));
    expect(p.tables).toHaveLength(1);
    expect(p.tables[0]!.warnings).toEqual([expect.stringMatching(/本年新收政府信息公开申请数量 · 总计：31」与各项之和 30 不符/)]);
    expect(p.warnings).toEqual(expect.arrayContaining(p.tables[0]!.warnings));
  }, 60_000);
});
