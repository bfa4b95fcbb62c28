// The staff API refuses an upload whose slug another report has (or another file of the same upload): 409
// slug_taken, naming both files, in preview and publish; replacing a report by its own name is not a clash.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminReportPreviewResponse, AdminReportsResponse, ErrorResponse } from '../../server/contract.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { makeCorpus, testConfig } from '../helpers/corpus.js';

const TOKEN = 'slugs-test-token-0123456789abcdef';
const SHIPPED = 'mudanjiang-xzfwzx-2015-gkbg.txt';
const node = createNodeApp(
  testConfig({
    CORPUS_DIR: makeCorpus({ [SHIPPED]: readFileSync(`corpus/reports/${SHIPPED}`) }),
    INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-slugs-')), 'index'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-slugs-data-')),
    ADMIN_TOKEN: TOKEN,
  }),
  createLogger('silent'),
);
afterAll(() => node.store.close());

const REPORT = readFileSync('test/fixtures/reports/sample-2016-gkbg.txt').toString('base64');
const staff = (path: string, body?: unknown) =>
  Promise.resolve(
    node.app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
const files = (...names: string[]) => ({ files: names.map((name) => ({ name, content: REPORT })) });

describe('unique report slugs in the staff API', () => {
  it('refuses a preview whose file would take the slug of a published report, naming both files', async () => {
    const res = await staff('/api/admin/reports/preview', files('mudanjiang.xzfwzx-2015-gkbg.txt'));
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorResponse;
    expect(body.error.code).toBe('slug_taken');
    expect(body.error.message).toContain('mudanjiang.xzfwzx-2015-gkbg.txt');
    expect(body.error.message).toContain(SHIPPED);
  });

  it('refuses two files of one upload that would share a slug, in preview and in publish', async () => {
    for (const path of ['/api/admin/reports/preview', '/api/admin/reports']) {
      const res = await staff(path, files('sample.txt', 'sample.md'));
      expect(res.status, path).toBe(409);
      expect(((await res.json()) as ErrorResponse).error).toMatchObject({ code: 'slug_taken', message: expect.stringMatching(/sample\.txt and sample\.md/) });
    }
    const reports = (await (await staff('/api/admin/reports')).json()) as AdminReportsResponse;
    expect(reports.reports.map((r) => r.file)).toEqual([SHIPPED]);
  });

  it('refuses to publish a file whose slug a shipped report has, and keeps both reports as they were', async () => {
    const res = await staff('/api/admin/reports', { ...files('mudanjiang-xzfwzx-2015-gkbg.md'), replace: true });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorResponse).error.code).toBe('slug_taken');
  });

  it('lets a report be replaced under its own name: that is not a clash', async () => {
    const res = await staff('/api/admin/reports/preview', files(SHIPPED));
    expect(res.status).toBe(200);
    const { previews } = (await res.json()) as AdminReportPreviewResponse;
    expect(previews[0]).toMatchObject({ ok: true, exists: true, slug: 'mudanjiang-xzfwzx-2015-gkbg' });
  });
});
