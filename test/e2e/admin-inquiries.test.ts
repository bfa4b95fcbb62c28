// The staff inbox of 市民留言 in a real browser: the overdue count on the overview, the overdue inquiry first, the
// audited reveal of contact data, and a reply that closes the inquiry and publishes it as an FAQ entry the robot
// then answers with.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminCalendar, AskResponse, InquiryCreatedResponse, InquiryLookupResponse } from '../../server/contract.js';
import { ensureConsoleBuilt, signIn, STAFF_TOKEN, startConsoleServer, unexpectedErrors, type ConsoleServer } from '../admin/browser-harness.js';
import { launchChromium, skipBrowserTests, watchProblems, type PageProblems } from '../widget/browser-harness.js';

let server: ConsoleServer;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowserTests) return;
  await ensureConsoleBuilt();
  [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function publicPost<T>(path: string, json: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  return (await res.json()) as T;
}

async function staffApi<T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(skipBrowserTests)('the staff inbox of 市民留言', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    problems = await watchProblems(page);
  });

  afterEach(async () => {
    expect(await problems.violations()).toEqual([]);
    expect(unexpectedErrors(problems.errors)).toEqual([]);
    await context.close();
  });

  it('counts open and overdue 留言 on the overview, reveals contact data on purpose, and replies publishing an FAQ entry', async () => {
    const { code } = await publicPost<InquiryCreatedResponse>('/api/inquiries', {
      question: '老年优待证在哪里办？',
      phone: '0591-87654321',
      consent: true,
    });

    await signIn(page, server.url);
    const overdueCard = page.locator('.stat-card').filter({ hasText: '待答复留言' });
    await overdueCard.waitFor();
    expect(await overdueCard.textContent()).toMatch(/1.*均未超过 3 个工作日/);

    await page.getByRole('link', { name: '市民留言' }).first().click();
    await page.getByRole('heading', { name: '市民留言', level: 1 }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: '老年优待证在哪里办？' });
    await item.waitFor();
    expect(await item.textContent()).toContain('已 0 个工作日');
    expect(await item.textContent()).not.toContain('87654321');
    await item.getByRole('button', { name: /查看联系方式/ }).click();
    await item.getByText('电话：0591-87654321').waitFor();
    await item.getByText(/此次查看已记录/).waitFor();

    await item.getByRole('textbox', { name: '答复' }).fill('请带身份证到社区服务中心办理。');
    await item.getByRole('checkbox', { name: '同时发布为常见问题' }).check();
    await item.getByRole('textbox', { name: '常见问题的问法' }).fill('老年优待证怎么办理？');
    await item.getByRole('button', { name: '答复并关闭' }).click();
    await page.getByText('没有待答复的留言。').waitFor();

    const lookup = await publicPost<InquiryLookupResponse>('/api/inquiries/lookup', { code });
    expect(lookup).toMatchObject({ status: 'replied', reply: '请带身份证到社区服务中心办理。' });
    const answer = await publicPost<AskResponse>('/api/ask', { question: '老年优待证怎么办理' });
    expect(answer).toMatchObject({ matched: 'faq', answer: '请带身份证到社区服务中心办理。' });
  });

  it('keeps the holiday calendar staff type in, one day a line', async () => {
    await signIn(page, server.url);
    await page.goto(`${server.url}/admin#/inquiries`);
    const box = page.getByRole('textbox', { name: /不计工作日的节假日/ });
    await box.fill('2026-10-01 国庆节\n2026-10-10 上班 国庆调休');
    await page.getByRole('button', { name: '保存工作日历' }).click();
    await expect.poll(async () => (await staffApi<AdminCalendar>('/api/admin/calendar')).days).toEqual([
      { date: '2026-10-01', working: false, name: '国庆节' },
      { date: '2026-10-10', working: true, name: '国庆调休' },
    ]);
    await box.fill('十月一日放假');
    await page.getByRole('button', { name: '保存工作日历' }).click();
    await page.getByText(/这些行看不懂：十月一日放假/).waitFor();
  });
});
