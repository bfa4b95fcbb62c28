// Publishing a report from the staff console in a real browser (issue 8): upload → preview (sections, sentences,
// stripped page chrome) → edit the metadata → publish → the robot answers from it without a restart; replacing
// and removing with confirmation; a GBK page read as bytes; and on Workers, the deploy steps instead of an upload.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';
import {
  ensureConsoleBuilt,
  signIn,
  startConsoleServer,
  startWorkersConsoleServer,
  unexpectedErrors,
  type ConsoleServer,
} from '../admin/browser-harness.js';
import { launchChromium, skipBrowserTests, watchProblems, type PageProblems } from '../widget/browser-harness.js';
import { brokenGbkPage, encodeGbk } from '../helpers/gbk.js';

const SAMPLE = 'test/fixtures/reports/sample-2016-gkbg.txt';
const SAMPLE_TITLE = '2016年度行政服务中心政府信息公开年度报告（示例）';
const SAMPLE_URL = 'https://www.example.gov.cn/xxgk/2016-gkbg.html';
const QUESTION = '开通了什么微信公众号';


const GBK_PAGE = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2017年度示例局政府信息公开工作年度报告</title></head><body>
<div class="nav">首页 | 政务公开 | 办事服务</div>
<div id="zoom"><p>一、主动公开情况</p><p>2017年，示例局主动公开政府信息4321条。</p>
<p>二、咨询服务</p><p>咨询电话为6123456。</p></div></body></html>`;

let browser: Browser;

beforeAll(async () => {
  if (skipBrowserTests) return;
  await ensureConsoleBuilt();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function ask(server: ConsoleServer, question: string): Promise<AskResponse> {
  return (await (await fetch(`${server.url}/api/ask?q=${encodeURIComponent(question)}`)).json()) as AskResponse;
}

function openReports(page: Page) {
  return page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '报告管理' })
    .click()
    .then(() => page.getByRole('heading', { level: 1, name: '报告管理' }).waitFor());
}

describe.skipIf(skipBrowserTests)('publishing reports in the staff console (Node)', () => {
  let server: ConsoleServer;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    server = await startConsoleServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    problems = await watchProblems(page);
    await signIn(page, server.url);
    await openReports(page);
  });

  afterEach(async () => {
    expect(await problems.violations()).toEqual([]);
    expect(unexpectedErrors(problems.errors)).toEqual([]);
    await context.close();
  });

  it('uploads a report, previews its sections and stripped chrome, edits its URL and publishes it: the robot answers from it at once', async () => {
    const before = await ask(server, QUESTION);
    expect(before.matched).toBe('none');
    const list = page.getByRole('table', { name: /已发布的报告（1）/ });
    await list.waitFor();

    await page.getByLabel('报告文件').setInputFiles(SAMPLE);
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('article', { name: SAMPLE_TITLE });
    await preview.waitFor();
    // The preview heading takes focus, so the result is where keyboard users are.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('发布前预览');

    // How it was read: metadata from the page, the sections in order, the sentences, and what was stripped.
    expect(await preview.getByLabel('标题').inputValue()).toBe(SAMPLE_TITLE);
    expect(await preview.getByLabel('发布日期').inputValue()).toBe('2017-03-10');
    expect(await preview.getByLabel('发布机构').inputValue()).toBe('牡丹江市行政服务中心');
    expect(await preview.getByLabel('来源地址').inputValue()).toBe('');
    const sections = preview.getByRole('list', { name: '章节（4）' }).getByRole('listitem');
    expect(await sections.allTextContents()).toEqual([
      '一、政务信息公开情况 › 1、主动公开情况',
      '一、政务信息公开情况 › 2、依申请公开政府信息情况',
      '二、政务公开工作情况及具体举措 › 1、开通政务微信公众号',
      '三、存在的不足及下步打算',
    ]);
    const stripped = await preview.getByRole('list', { name: /已去除的网页杂项/ }).getByRole('listitem').allTextContents();
    expect(stripped).toContain('扫一扫在手机打开当前页');
    expect(stripped).toContain('返回顶部 打印本页 关闭本页');
    await preview.getByText(/正文分句（\d+ 句/).click();
    await preview.getByText('2016年,中心开通了“示例政务服务”微信公众号,全年推送信息300余条。').waitFor();

    // A wrong address is caught before anything is sent; then the right one.
    const url = preview.getByLabel('来源地址');
    await url.fill('www.example.gov.cn/2016');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await preview.getByText('来源地址须以 http:// 或 https:// 开头').waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    await url.fill(SAMPLE_URL);
    await page.getByRole('button', { name: '发布', exact: true }).click();

    const success = page.getByRole('status').filter({ hasText: '发布成功' });
    await success.waitFor({ timeout: 90_000 });
    expect(await success.textContent()).toContain('现在共有 2 份文档');

    // The list shows the new report with the address staff typed.
    const row = page.getByRole('row').filter({ hasText: SAMPLE_TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain(SAMPLE_URL);
    expect(await row.textContent()).toContain('2017-03-10');

    // Without a restart, the robot answers a question only this report can answer, citing it.
    const answer = await ask(server, QUESTION);
    expect(answer.matched).toBe('corpus');
    expect(answer.answer).toContain('示例政务服务');
    expect(answer.sources[0]).toMatchObject({ title: SAMPLE_TITLE, year: 2016 });
    expect(answer.sources[0]!.url!.startsWith(`${SAMPLE_URL}#:~:text=`)).toBe(true);
  }, 120_000);

  it('asks before replacing a published report, then removes one with confirmation', async () => {
    const row = page.getByRole('row').filter({ hasText: SAMPLE_TITLE });
    await row.waitFor();

    // 替换 on the row: the chosen file is published under the report's own file name.
    await row.getByRole('button', { name: `替换：${SAMPLE_TITLE}` }).click();
    await page.getByRole('heading', { level: 2, name: `替换报告「${SAMPLE_TITLE}」` }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('report-files');
    await page.getByLabel('报告文件').setInputFiles({ name: '新版本.txt', mimeType: 'text/plain', buffer: readFileSync(SAMPLE) });
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('article', { name: SAMPLE_TITLE });
    await preview.getByText('已发布同名文件 sample-2016-gkbg.txt').waitFor();
    // The address staff set on the published report is kept for the replacement.
    expect(await preview.getByLabel('来源地址').inputValue()).toBe(SAMPLE_URL);

    await page.getByRole('button', { name: '发布', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '替换已发布的报告' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await dialog.getByRole('button', { name: '替换并发布' }).click();
    await page.getByRole('status').filter({ hasText: '发布成功' }).waitFor({ timeout: 90_000 });
    expect((await ask(server, QUESTION)).answer).toContain('示例政务服务');

    // Remove it: confirm, rebuild, the robot no longer answers from it.
    await page.getByRole('row').filter({ hasText: SAMPLE_TITLE }).getByRole('button', { name: `删除：${SAMPLE_TITLE}` }).click();
    const remove = page.getByRole('dialog', { name: '删除报告' });
    await remove.waitFor();
    expect(await remove.textContent()).toContain('sample-2016-gkbg.txt');
    await remove.getByRole('button', { name: '删除报告' }).click();
    const done = page.getByRole('status').filter({ hasText: '删除成功' });
    await done.waitFor({ timeout: 90_000 });
    expect(await done.textContent()).toContain(`已删除「${SAMPLE_TITLE}」`);
    await page.getByRole('table', { name: /已发布的报告（1）/ }).waitFor();
    expect((await ask(server, QUESTION)).matched).toBe('none');
  }, 180_000);

  it('reads a GBK page as bytes: the preview shows its Chinese title, sections and sentences', async () => {
    await page.getByLabel('报告文件').setInputFiles({ name: '示例局 2017 年报.html', mimeType: 'text/html', buffer: encodeGbk(GBK_PAGE) });
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('article', { name: '2017年度示例局政府信息公开工作年度报告' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('将保存为 示例局-2017-年报.html');
    expect(await preview.getByRole('list', { name: /章节/ }).getByRole('listitem').allTextContents()).toEqual(['一、主动公开情况', '二、咨询服务']);
    await preview.getByText(/正文分句/).click();
    await preview.getByText('2017年，示例局主动公开政府信息4321条。').waitFor();
    // Dropping the preview publishes nothing.
    await page.getByRole('button', { name: '放弃' }).click();
    await preview.waitFor({ state: 'hidden' });
  });

  it('shows in the preview the charset, how many bytes did not decode and where, and the share of repeated passages, as text', async () => {
    await page.getByLabel('报告文件').setInputFiles({ name: 'broken-gbk.html', mimeType: 'text/html', buffer: brokenGbkPage() });
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('article', { name: '2017年度示例局政府信息公开工作年度报告' });
    await preview.waitFor();
    expect(await preview.locator('.reading-charset').textContent()).toBe('字符编码：GBK；1 处字节无法解码，2 个私用区字符（不进入正文和回答）');
    const places = await preview.getByRole('list', { name: '无法读取的位置' }).getByRole('listitem').allTextContents();
    expect(places).toHaveLength(3);
    expect(places[0]).toMatch(/^第 4 行第 19 列，私用区字符：「询服务/);
    expect(places[1]).toBe('第 5 行第 39 列，无法解码：「申请12件，均已按期答复\uFFFD</p>」');
    expect(await preview.locator('.reading-repetition').textContent()).toMatch(/^重复段落：0 \/ \d+（0%）$/);
    await page.getByRole('button', { name: '放弃' }).click();
    await preview.waitFor({ state: 'hidden' });

    const block = '二、主动公开情况\n2020年，示例局主动公开政府信息1234条。\n本机关通过门户网站发布政策解读56篇。';
    const text = ['示例局2020年政府信息公开工作年度报告', ...Array.from({ length: 200 }, () => block)].join('\n');
    await page.getByLabel('报告文件').setInputFiles({ name: 'repetitive-2020.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: '预览' }).click();
    const repetitive = page.getByRole('article', { name: '示例局2020年政府信息公开工作年度报告' });
    await repetitive.waitFor();
    expect(await repetitive.locator('.reading-charset').textContent()).toBe('字符编码：UTF-8；字节全部解码');
    expect(await repetitive.locator('.reading-repetition').textContent()).toBe('重复段落：398 / 400（100%），重复的段落只索引一次');
    await page.getByRole('button', { name: '放弃' }).click();
    await repetitive.waitFor({ state: 'hidden' });
  });

  it('refuses files it cannot publish before uploading them', async () => {
    await page.getByLabel('报告文件').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByText('「report.pdf」不是 .html、.htm、.txt 或 .md 文件').waitFor();
    expect(await page.getByLabel('报告文件').getAttribute('aria-describedby')).toContain('report-files-error');
  });
});

describe.skipIf(skipBrowserTests)('the reports page on Workers', () => {
  let server: ConsoleServer;

  beforeAll(async () => {
    server = await startWorkersConsoleServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows how a report reaches the edge instead of an upload form, and still lists the reports', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = await watchProblems(page);
    await signIn(page, server.url);
    await openReports(page);
    const note = page.getByRole('status').filter({ hasText: '本服务运行在 Cloudflare Workers 上，不能在后台上传报告' });
    await note.waitFor();
    expect(await note.textContent()).toContain('npm run build:index && npm run deploy');
    await page.getByRole('row').filter({ hasText: '2015年度行政服务中心政府信息公开年度报告' }).waitFor();
    expect(await page.getByLabel('报告文件').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^删除：|^替换：/ }).count()).toBe(0);
    expect(await problems.violations()).toEqual([]);
    expect(unexpectedErrors(problems.errors)).toEqual([]);
    await context.close();
  });
});
