// Takes the staff console screenshots in docs/ (console-overview.png, console-faq.png, console-reports.png,
// console-workers.png) over seeded data. Off by default, so `npm test` never rewrites tracked files: run
// `CONSOLE_SCREENSHOTS=1 npx vitest run test/e2e/admin-screenshots.test.ts`.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  ensureConsoleBuilt,
  signIn,
  STAFF_TOKEN,
  startConsoleServer,
  startWorkersConsoleServer,
  type ConsoleServer,
} from '../admin/browser-harness.js';
import { launchChromium, skipBrowserTests } from '../widget/browser-harness.js';

const enabled = !skipBrowserTests && process.env.CONSOLE_SCREENSHOTS === '1';

/** Thirty days of questions with a weekly rhythm, some answered by FAQ entries, some not at all, and ratings. */
async function seed(server: ConsoleServer): Promise<void> {
  const questions: Array<[string, 'corpus' | 'faq' | 'none']> = [
    ['2015年主动公开了多少条政府信息？', 'corpus'],
    ['投诉电话是多少', 'corpus'],
    ['办事大厅几点开门', 'faq'],
    ['政府信息公开收费吗', 'corpus'],
    ['护照怎么办理', 'none'],
    ['公积金怎么提取', 'faq'],
    ['停车场收费吗', 'none'],
    ['依申请公开怎么申请', 'corpus'],
  ];
  const now = Date.now();
  let n = 0;
  for (let day = 29; day >= 0; day--) {
    const weekday = new Date(now - day * 86_400_000).getUTCDay();
    const count = weekday === 0 || weekday === 6 ? 3 + (day % 3) : 9 + ((day * 7) % 11);
    for (let i = 0; i < count; i++) {
      const [question, matched] = questions[(i * 3 + day) % questions.length]!;
      const id = `seed-${n++}`;
      await server.store.recordQuestion({
        id,
        question,
        matched,
        faqId: null,
        passage: null,
        askedAt: new Date(now - day * 86_400_000 - i * 600_000).toISOString(),
      });
      if (i % 4 === 0) {
        await server.store.addFeedback({ answerId: id, helpful: matched !== 'none' && i % 8 === 0, comment: null, at: new Date(now - day * 86_400_000).toISOString() });
      }
    }
  }
  for (const [question, answer, hot] of [
    ['行政服务中心办事大厅几点上班？', '工作日上午9:00—12:00，下午13:30—17:00，法定节假日除外。', true],
    ['公积金怎么提取', '携带身份证和购房合同到公积金中心窗口提取。', false],
  ] as const) {
    await fetch(`${server.url}/api/admin/faq`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json', 'x-staff-name': encodeURIComponent('王芳') },
      body: JSON.stringify({ question, answer, hot, alternatives: ['办事大厅工作时间'], tags: ['办事大厅'] }),
    });
  }
}

describe.skipIf(!enabled)('console screenshots for docs/', () => {
  let browser: Browser;
  let server: ConsoleServer;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [browser, server] = await Promise.all([launchChromium(), startConsoleServer()]);
    await seed(server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes the overview, FAQ and reports pages', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, server.url, STAFF_TOKEN, '王芳');
    await page.getByRole('img', { name: '每日提问数' }).waitFor();
    await page.screenshot({ path: 'docs/console-overview.png', fullPage: true });

    await page.goto(`${server.url}/admin#/faq`);
    await page.getByRole('table').waitFor();
    await page.screenshot({ path: 'docs/console-faq.png' });

    await page.goto(`${server.url}/admin#/reports`);
    await page.getByLabel('报告文件').setInputFiles('test/fixtures/reports/sample-2016-gkbg.txt');
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('article').first();
    await preview.waitFor();
    await preview.getByLabel('来源地址').fill('https://www.example.gov.cn/xxgk/2016-gkbg.html');
    await page.getByRole('heading', { level: 2, name: /发布前预览/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/console-reports.png', fullPage: true });
    await page.close();
  }, 120_000);

  it('takes the reports page on Workers', async () => {
    const workers = await startWorkersConsoleServer();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      await signIn(page, workers.url);
      await page.goto(`${workers.url}/admin#/reports`);
      await page.getByText('本服务运行在 Cloudflare Workers 上').waitFor();
      await page.screenshot({ path: 'docs/console-workers.png' });
      await page.close();
    } finally {
      await workers.close();
    }
  });
});
