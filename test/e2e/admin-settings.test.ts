// The staff console's 站点设置 page in a real browser: the corpus's agencies with their short forms; aliases,
// synonyms and the site's contacts edited and in effect on the next question without a restart; a wrong phone
// number caught before sending; returning to the shipped file with confirmation; the report preview's tables and
// total warnings; and on Workers, why nothing can be changed there.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';
import { ensureConsoleBuilt, signIn, startConsoleServer, startWorkersConsoleServer, unexpectedErrors, type ConsoleServer } from '../admin/browser-harness.js';
import { launchChromium, skipBrowserTests, watchProblems, type PageProblems } from '../widget/browser-harness.js';

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

async function openPage(page: Page, name: string) {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe.skipIf(skipBrowserTests)('the settings page (Node)', () => {
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
    await signIn(page, server.url, undefined, '王芳');
  });

  afterEach(async () => {
    expect(await problems.violations()).toEqual([]);
    expect(unexpectedErrors(problems.errors)).toEqual([]);
    await context.close();
  });

  it('lists the agencies and edits aliases, synonyms and contacts: each in effect on the next question, each in the history', async () => {
    await openPage(page, '站点设置');
    const agencies = page.getByRole('table', { name: '本站报告的机构' });
    const row = agencies.getByRole('row').filter({ hasText: '牡丹江市行政服务中心' });
    await row.waitFor();
    expect(await row.textContent()).toContain('牡丹江、行政服务中心');
    expect(await row.getByRole('link', { name: '2015 年度' }).getAttribute('href')).toBe('/reports/mudanjiang-xzfwzx-2015-gkbg');

    // Aliases: a name citizens use that the reports never print.
    expect((await ask(server, '江城大厅2015年主动公开多少条信息')).matched).toBe('none');
    await page.getByLabel('机构别名（整个文件）').fill('牡丹江市行政服务中心 江城大厅');
    await page.getByRole('button', { name: '保存机构别名' }).click();
    await page.getByRole('status').filter({ hasText: '机构别名已保存' }).waitFor();
    await row.filter({ hasText: '江城大厅' }).waitFor();
    expect((await ask(server, '江城大厅2015年主动公开多少条信息')).answer).toContain('23000');

    // Synonyms: a citizen's word for a document's word, appended to the shipped list.
    const synonyms = page.getByLabel('同义词（整个文件）');
    expect(await synonyms.inputValue()).toContain('电话 热线 联系方式');
    await synonyms.fill(`${await synonyms.inputValue()}\n吐槽 投诉\n`);
    await page.getByRole('button', { name: '保存同义词' }).click();
    await page.getByRole('status').filter({ hasText: '同义词已保存' }).waitFor();
    expect((await ask(server, '吐槽电话是多少')).matched).toBe('corpus');

    // Contacts: a string that is not a phone number is caught before anything is sent.
    await page.getByRole('button', { name: '添加联系方式' }).click();
    const contact = page.getByRole('group', { name: '联系方式 1' });
    await contact.getByLabel('名称').fill('政务服务咨询');
    await contact.getByLabel('电话').fill('《索引号 0');
    await contact.getByLabel('办公时间').fill('工作日 8:30—17:00');
    await page.getByRole('button', { name: '保存本站信息' }).click();
    await contact.getByText('请填写能拨打的电话号码').waitFor();
    expect(await contact.getByLabel('电话').getAttribute('aria-invalid')).toBe('true');
    await contact.getByLabel('电话').fill('0453-6958002');
    await page.getByRole('button', { name: '保存本站信息' }).click();
    await page.getByRole('status').filter({ hasText: '本站信息已保存' }).waitFor();
    const none = await ask(server, '护照在哪里办理');
    expect(none.matched).toBe('none');
    expect(none.contacts).toEqual([{ label: '政务服务咨询', phone: '0453-6958002', hours: '工作日 8:30—17:00' }]);

    const history = page.getByRole('table', { name: '站点设置修改记录' }).getByRole('row');
    await expect.poll(() => history.count()).toBe(4);
    expect(await history.nth(1).textContent()).toContain('staff:王芳');
    expect(await history.nth(1).textContent()).toContain('本站信息');
  }, 120_000);

  it('returns aliases to the shipped file after confirmation: the alias no longer names the agency', async () => {
    await openPage(page, '站点设置');
    const aliases = page.getByRole('region', { name: '机构别名' });
    await aliases.getByText('使用后台保存的修改').waitFor();
    await aliases.getByRole('button', { name: '恢复随附文件' }).click();
    const dialog = page.getByRole('dialog', { name: '恢复机构别名' });
    await dialog.getByRole('button', { name: '恢复随附文件' }).click();
    await aliases.getByText('尚未设置').waitFor();
    expect(await page.getByLabel('机构别名（整个文件）').inputValue()).toBe('');
    expect((await ask(server, '江城大厅2015年主动公开多少条信息')).matched).toBe('none');
  }, 60_000);

  it('previews an upload with its agency, its short forms and its parsed table, saying where a total is not the sum of its parts', async () => {
    await openPage(page, '报告管理');
    await page.getByLabel('报告文件').setInputFiles('test/fixtures/reports/table-total-mismatch.txt');
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('article', { name: '襄阳市行政审批局2022年政府信息公开工作年度报告' });
    await preview.waitFor();
    expect(await preview.locator('.agency-line').textContent()).toBe('襄阳市行政审批局（本站新增的机构）');
    await preview.getByText(/市民提问可用的简称：.*审批局/).waitFor();
    await preview.getByRole('heading', { name: '表格（1）' }).waitFor();
    const cells = await preview.locator('table.parsed tr').nth(1).locator('td').allTextContents();
    expect(cells).toEqual(['一、本年新收政府信息公开申请数量', '20', '10', '31']);
    await preview.getByRole('list', { name: '表 1 的核对提示' }).getByText(/总计：31」与各项之和 30 不符/).waitFor();
  }, 60_000);
});

describe.skipIf(skipBrowserTests)('the settings page on Workers', () => {
  let server: ConsoleServer;

  beforeAll(async () => {
    server = await startWorkersConsoleServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('says the site data changes with a deploy there', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await signIn(page, server.url);
    await openPage(page, '站点设置');
    await page.getByRole('alert').filter({ hasText: 'Cloudflare Workers' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('npm run deploy');
    expect(unexpectedErrors(problems.errors)).toEqual([]);
    await context.close();
  }, 60_000);
});
