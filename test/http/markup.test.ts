// Markup in a report is text: the API returns it as a plain string and the report page escapes it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';
import { loadCorpus, makeCorpus, testApp } from '../helpers/corpus.js';

const corpus = loadCorpus(makeCorpus({ 'markup-report.txt': readFileSync('test/fixtures/reports/markup-report.txt') }));
const app = testApp(corpus);

describe('a report full of markup', () => {
  it('is answered with the markup as plain text', async () => {
    const res = await app.request(`/api/ask?q=${encodeURIComponent('标记测试中心投诉网址是什么')}`);
    const body = (await res.json()) as AskResponse;
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.matched).toBe('corpus');
    expect(body.answer).toContain('<a href="javascript:alert(1)">');
    expect(body.answer).toContain("<script>alert('xss')</script>");
  });

  it('is escaped on the report page, so no element from the report reaches the DOM', async () => {
    const html = await (await app.request('/')).text();
    const body = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(body).not.toMatch(/<script|<img|<a href="javascript/i);
    expect(body).toContain('&#60;script&#62;alert(&#39;xss&#39;)&#60;/script&#62;');
    expect(body).toContain('&#60;img src=x onerror=alert(2)&#62;');
  });
});
