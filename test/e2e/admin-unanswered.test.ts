// The console's unanswered list in a real browser over a long log: it shows one page at a time and pages through
// the rest with 下一页 / 上一页, the total staying in view.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt, signIn, startConsoleServer, type ConsoleServer } from '../admin/browser-harness.js';
import { launchChromium, skipBrowserTests } from '../widget/browser-harness.js';

let server: ConsoleServer;
let browser: Browser;
let context: BrowserContext;

/** 120 unanswered groups: 事项<n>怎么办理, asked 121 − n times, so the list's order is n = 1, 2, 3, … */
async function seed(): Promise<void> {
  const now = Date.now();
  let id = 0;
  for (let n = 1; n <= 120; n++) {
    for (let k = 0; k <= 120 - n; k++) {
      await server.store.recordQuestion({ id: `u${id++}`, question: `事项${n}怎么办理`, matched: 'none', faqId: null, passage: null, askedAt: new Date(now - 60_000 * (n + k)).toISOString() });
    }
  }
}

beforeAll(async () => {
  if (skipBrowserTests) return;
  await ensureConsoleBuilt();
  [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
  await seed();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe.skipIf(skipBrowserTests)('the unanswered list in the console', () => {
  it('shows 50 groups a page with the total, and pages forward and back', async () => {
    const page = await context.newPage();
    await signIn(page, server.url);
    await page.getByRole('link', { name: '未解答问题' }).click();
    const table = page.getByRole('table', { name: '未解答问题列表' });
    await table.getByRole('rowheader', { name: '事项1怎么办理', exact: true }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /组问题/ }).textContent()).toBe('共 120 组问题');
    const pager = page.getByRole('navigation', { name: '未解答问题列表分页' });
    expect(await pager.textContent()).toContain('第 1 页，共 3 页');
    expect(await table.getByRole('rowheader').count()).toBe(50);
    expect(await pager.getByRole('button', { name: '上一页' }).isDisabled()).toBe(true);

    await pager.getByRole('button', { name: '下一页' }).click();
    await table.getByRole('rowheader', { name: '事项51怎么办理', exact: true }).waitFor();
    expect(await table.getByRole('rowheader', { name: '事项1怎么办理', exact: true }).count()).toBe(0);
    await pager.getByRole('button', { name: '下一页' }).click();
    await table.getByRole('rowheader', { name: '事项120怎么办理', exact: true }).waitFor();
    expect(await table.getByRole('rowheader').count()).toBe(20);
    expect(await pager.textContent()).toContain('第 3 页，共 3 页');
    expect(await pager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);

    await pager.getByRole('button', { name: '上一页' }).click();
    await table.getByRole('rowheader', { name: '事项51怎么办理', exact: true }).waitFor();
    // Another filter is another list: it starts at its first page.
    await page.getByLabel('排序').selectOption('recent');
    await table.getByRole('rowheader', { name: '事项1怎么办理', exact: true }).waitFor();
    expect(await pager.textContent()).toContain('第 1 页');
  });
});
