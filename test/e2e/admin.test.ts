// The staff console in a real browser against the real robot: signing in, FAQ entries the robot then answers with,
// a stale edit, answering an unanswered question, the hit test, keyboard-only use, and no CSP violations.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminFaqEntry, AskResponse } from '../../server/contract.js';
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

async function ask(question: string): Promise<AskResponse> {
  const res = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  return (await res.json()) as AskResponse;
}

/** A staff API call from the test itself (another member of staff, as far as the console can tell). */
async function staffApi<T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** What has focus: its tag, accessible text and whether a focus ring is drawn. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      id: el.id,
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's text is `text` (at most `limit` presses). */
async function moveFocusTo(page: Page, text: string, key: 'Tab' | 'Shift+Tab' = 'Tab', limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if ((await focused(page))?.text === text) return;
  }
  throw new Error(`${key} never reached ${JSON.stringify(text)} (last: ${JSON.stringify(await focused(page))})`);
}

const tabTo = (page: Page, text: string, limit?: number) => moveFocusTo(page, text, 'Tab', limit);

describe.skipIf(skipBrowserTests)('the staff console', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    // Fail at the step that is stuck, well before the test's own timeout.
    page.setDefaultTimeout(10_000);
    problems = await watchProblems(page);
  });

  afterEach(async () => {
    // Every page of every test: no CSP violation, no script error (the 401/409 a test provokes aside).
    expect(await problems.violations()).toEqual([]);
    expect(unexpectedErrors(problems.errors)).toEqual([]);
    await context.close();
  });

  it('is served from /admin under the strict CSP, as external script and style files', async () => {
    const response = await page.goto(`${server.url}/admin`);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const facts = await page.evaluate(() => ({
      inlineScripts: [...document.scripts].filter((s) => !s.src).length,
      inlineStyles: document.querySelectorAll('style').length,
      scripts: [...document.scripts].map((s) => new URL(s.src).pathname),
      sheets: [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname),
      widget: document.querySelectorAll('script[src*="widget.js"]').length,
    }));
    expect(facts.inlineScripts).toBe(0);
    expect(facts.inlineStyles).toBe(0);
    expect(facts.widget).toBe(0);
    expect(facts.scripts).toEqual([expect.stringMatching(/^\/admin\/assets\/[\w-]+\.js$/)]);
    expect(facts.sheets).toEqual([expect.stringMatching(/^\/admin\/assets\/[\w-]+\.css$/)]);
    await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor();
  });

  it('refuses a wrong token with a clear message, then signs in with the right one, kept for this tab only', async () => {
    await page.goto(`${server.url}/admin`);
    const token = page.getByLabel('管理令牌');
    // Focus starts in the token field.
    expect((await focused(page))?.id).toBe('signin-token');
    await token.fill('not-the-token-0000000000');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '令牌不正确' });
    await alert.waitFor();
    expect(await token.getAttribute('aria-invalid')).toBe('true');

    await token.fill(STAFF_TOKEN);
    await page.getByLabel('您的姓名（可选）').fill('王芳');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await page.getByText('当前用户：王芳').waitFor();
    const kept = await page.evaluate(() => ({
      session: sessionStorage.getItem('qa-admin:token'),
      local: localStorage.length,
      cookie: document.cookie,
    }));
    expect(kept).toEqual({ session: STAFF_TOKEN, local: 0, cookie: '' });

    // A reload keeps the tab signed in; signing out forgets the token.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor();
    await page.getByText('您已退出登录。').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('returns to the sign-in with a message when the server no longer accepts the token', async () => {
    await page.goto(`${server.url}/admin`);
    await page.evaluate(() => {
      sessionStorage.setItem('qa-admin:token', 'a-token-the-server-never-had');
      location.hash = '#/faq';
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor();
    await page.getByText('登录已失效').waitFor();
    // Signing in again returns to the page that was asked for.
    await page.getByLabel('管理令牌').fill(STAFF_TOKEN);
    await page.getByLabel('管理令牌').press('Enter');
    await page.getByRole('heading', { level: 1, name: '常见问题' }).waitFor();
  });

  it('draws the overview with text alternatives for its charts', async () => {
    await ask('2015年主动公开了多少条政府信息？');
    await ask('这个问题机器人一定答不上来吧');
    await signIn(page, server.url);
    const chart = page.getByRole('img', { name: '每日提问数' });
    await chart.waitFor();
    expect(await chart.evaluate((el) => el.querySelector('desc')?.textContent)).toMatch(/共 \d+ 个提问/);
    await page.getByRole('img', { name: /回答来源占比：报告 \d/ }).waitFor();
    await page.getByText('以表格查看每日数据').click();
    expect(await page.getByRole('table', { name: '每日提问数' }).getByRole('row').count()).toBe(31);
    await page.getByRole('cell', { name: '2015年主动公开了多少条政府信息？' }).waitFor();
  });

  it('creates an FAQ entry that /api/ask then answers with matched "faq"', async () => {
    await signIn(page, server.url);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '常见问题' }).click();
    await page.getByRole('link', { name: '新建常见问题' }).click();
    await page.getByRole('heading', { level: 1, name: '新建常见问题' }).waitFor();
    await page.getByLabel('问题', { exact: true }).fill('行政服务中心办事大厅几点上班？');
    await page.getByLabel('相似问法').fill('办事大厅工作时间');
    await page.getByLabel('答案').fill('工作日上午9:00—12:00，下午13:30—17:00，法定节假日除外。');
    await page.getByLabel('链接').fill('https://www.example.gov.cn/bsdt/sj.html');
    await page.getByLabel('标签').fill('办事大厅、时间');
    await page.getByLabel('热门问题').check();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /已创建常见问题 #\d+/ }).waitFor();
    await page.getByRole('heading', { level: 1, name: /编辑常见问题 #\d+/ }).waitFor();

    const answer = await ask('办事大厅几点开门');
    expect(answer.matched).toBe('faq');
    expect(answer.answer).toBe('工作日上午9:00—12:00，下午13:30—17:00，法定节假日除外。');

    await page.getByRole('link', { name: '常见问题', exact: true }).first().click();
    const row = page.getByRole('row').filter({ hasText: '行政服务中心办事大厅几点上班？' });
    await row.waitFor();
    expect(await row.getByRole('checkbox', { name: '热门：行政服务中心办事大厅几点上班？' }).isChecked()).toBe(true);
    // The search narrows the table.
    await page.getByRole('searchbox', { name: '搜索' }).fill('工作时间');
    await page.getByText(/共 \d+ 条/).waitFor();
    expect(await page.getByRole('row').filter({ hasText: '办事大厅几点上班' }).count()).toBe(1);
  });

  it('shows the field errors of a 400 next to the fields, with a summary that links to them', async () => {
    await signIn(page, server.url);
    await page.goto(`${server.url}/admin#/faq/new`);
    await page.getByLabel('问题', { exact: true }).fill('不完整的条目');
    await page.getByLabel('链接').fill('ftp://files.example.gov.cn/a');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: '请修改以下问题后再保存' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('答案：');
    const link = page.getByLabel('链接');
    expect(await link.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await link.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.locator(`#${describedBy.split(' ').find((id) => id.endsWith('-error'))}`).textContent();
    expect(errorText).toContain('链接必须以 http:// 或 https:// 开头');
    // The summary's link moves focus to the field.
    await summary.getByRole('link', { name: /答案/ }).click();
    expect((await focused(page))?.id).toBe('faq-answer');
  });

  it('says when someone else changed the entry (409) and offers to load the latest version', async () => {
    const created = await staffApi<AdminFaqEntry>('/api/admin/faq', {
      method: 'POST',
      json: { question: '社保卡在哪里办理', answer: '到市社保局一楼窗口办理。' },
    });
    await signIn(page, server.url);
    await page.goto(`${server.url}/admin#/faq/${created.id}`);
    const answer = page.getByLabel('答案');
    await answer.waitFor();
    expect(await answer.inputValue()).toBe('到市社保局一楼窗口办理。');

    // Meanwhile a colleague edits the same entry.
    await staffApi(`/api/admin/faq/${created.id}`, { method: 'PUT', json: { version: 1, answer: '到市民中心二楼社保窗口办理。' } });

    await answer.fill('我的修改');
    await page.getByRole('button', { name: '保存修改' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: '此条目已被他人修改' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('您编辑的是版本 1，现在已是版本 2');
    expect(await conflict.textContent()).toContain('到市民中心二楼社保窗口办理。');

    await conflict.getByRole('button', { name: '载入最新内容（放弃我的修改）' }).click();
    await expect.poll(() => answer.inputValue()).toBe('到市民中心二楼社保窗口办理。');
    await answer.fill('到市民中心二楼社保窗口办理，工作日 9:00—17:00。');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByRole('status').filter({ hasText: '已保存（版本 3）' }).waitFor();
    expect((await staffApi<AdminFaqEntry>(`/api/admin/faq/${created.id}`)).answer).toBe('到市民中心二楼社保窗口办理，工作日 9:00—17:00。');
  });

  it('answers an unanswered question in one click: 「回答此问题」 prefills a new entry', async () => {
    const before = await ask('护照怎么办理');
    expect(before.matched).toBe('none');
    await signIn(page, server.url);
    await page.getByRole('link', { name: '未解答问题' }).click();
    const row = page.getByRole('row').filter({ hasText: '护照怎么办理' });
    await row.waitFor();
    await row.getByRole('link', { name: '回答此问题：护照怎么办理' }).click();
    await page.getByRole('heading', { level: 1, name: '新建常见问题' }).waitFor();
    expect(await page.getByLabel('问题', { exact: true }).inputValue()).toBe('护照怎么办理');
    await page.getByText('来自未解答问题：「护照怎么办理」').waitFor();
    await page.getByLabel('答案').fill('护照由公安机关出入境管理部门办理，请携带身份证到市出入境接待大厅申请。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /已创建常见问题 #(\d+)/ }).waitFor();
    const id = Number(/#(\d+)/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')![1]);

    const after = await ask('护照怎么办理？');
    expect(after.matched).toBe('faq');
    expect(after.faq?.id).toBe(id);

    // The answered group leaves the list; the toggle shows it with the entry that answers it.
    await page.getByRole('link', { name: '未解答问题' }).click();
    await page.getByRole('heading', { level: 1, name: '未解答问题' }).waitFor();
    await page.getByRole('status').filter({ hasText: /共 \d+ 组问题|没有未解答的问题/ }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: '护照怎么办理' }).count()).toBe(0);
    await page.getByLabel('显示已由常见问题解答的问题').check();
    const resolved = page.getByRole('row').filter({ hasText: '护照怎么办理' });
    await resolved.waitFor();
    expect(await resolved.textContent()).toContain(`已由 常见问题 #${id} 解答`);
  });

  it('shows in the hit test what /api/ask would answer and why, with FAQ candidates and passages', async () => {
    await staffApi('/api/admin/faq', {
      method: 'POST',
      json: { question: '公积金怎么提取', alternatives: ['住房公积金提取'], answer: '携带身份证和购房合同到公积金中心提取。' },
    });
    await signIn(page, server.url);
    await page.getByRole('link', { name: '命中测试' }).click();
    await page.getByLabel('问题').fill('住房公积金如何提取');
    await page.getByRole('button', { name: '测试' }).click();
    const result = page.getByRole('heading', { level: 2, name: /^结果：/ });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/机器人会用常见问题 #\d+「公积金怎么提取」回答：两者相似度 \d+%，超过 55% 就会采用。/);
    const candidates = page.getByRole('table', { name: '常见问题候选' });
    await candidates.getByRole('link', { name: /公积金怎么提取/ }).waitFor();
    expect(await candidates.textContent()).toContain('会采用');
    // The documents' side: the concepts with weights and the scored passages.
    await page.getByRole('table', { name: '问题中的概念' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '报告段落匹配' }).waitFor();

    await page.getByLabel('问题').fill('2015年主动公开了多少条政府信息？');
    await page.getByLabel('问题').press('Enter');
    await page.getByRole('heading', { level: 2, name: /机器人会引用报告回答/ }).waitFor();
    // Plain words, and the way to a better answer one click away.
    expect(await page.locator('.test-result').textContent()).not.toMatch(/阈值|no-candidates|not-covered/);
    const write = page.getByRole('link', { name: '据此写一条常见问题' });
    expect(await write.getAttribute('href')).toBe(`#/faq/new?question=${encodeURIComponent('2015年主动公开了多少条政府信息？')}`);
    const passages = page.getByRole('table', { name: '报告段落候选' });
    await passages.waitFor();
    expect(await passages.getByRole('row').count()).toBeGreaterThan(1);
    // The result took focus, so a screen reader reads it.
    expect((await focused(page))?.tag).toBe('h2');
  });

  it('works by keyboard alone: skip link, navigation to every page, a form, and a confirmation dialog', async () => {
    await page.goto(`${server.url}/admin`);
    // The sign-in puts focus in the token field: typing needs nothing else.
    await expect.poll(async () => (await focused(page))?.id).toBe('signin-token');
    await page.keyboard.type(STAFF_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();

    // On a fresh load the first Tab reaches the skip link, which moves focus to the main content.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ text: '跳到主要内容', outline: true });
    await page.keyboard.press('Enter');
    expect((await focused(page))?.id).toBe('main');

    // Every page of the navigation opens by keyboard, with focus on its heading and the link marked current.
    for (const name of ['常见问题', '未解答问题', '用户反馈', '命中测试', '导入导出', '报告管理', '操作日志', '概览']) {
      await moveFocusTo(page, name, 'Shift+Tab');
      expect((await focused(page))?.outline).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', text: name });
      expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
    }

    // Create an entry without the mouse.
    await page.goto(`${server.url}/admin#/faq`);
    await page.getByRole('heading', { level: 1, name: '常见问题' }).waitFor();
    await tabTo(page, '新建常见问题');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '新建常见问题' }).waitFor();
    await page.keyboard.press('Tab');
    expect((await focused(page))?.id).toBe('faq-question');
    await page.keyboard.type('停车场收费吗');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.id).toBe('faq-answer');
    await page.keyboard.type('行政服务中心停车场对办事群众免费开放。');
    await tabTo(page, '保存');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: /已创建常见问题 #\d+/ }).waitFor();

    // Delete it from the table: the dialog opens on 取消, Esc closes it and focus returns to the button.
    await page.goto(`${server.url}/admin#/faq`);
    await page.getByRole('row').filter({ hasText: '停车场收费吗' }).waitFor();
    await tabTo(page, '删除：停车场收费吗', 80);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '删除常见问题' });
    await dialog.waitFor();
    expect((await focused(page))?.text).toBe('取消');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(page))?.text).toBe('删除：停车场收费吗');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect((await focused(page))?.text).toBe('删除');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '已删除「停车场收费吗」' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: '停车场收费吗' }).count()).toBe(0);
  });

  it('switches an entry off from the table, and the robot stops using it', async () => {
    await staffApi('/api/admin/faq', { method: 'POST', json: { question: '残疾人办事有绿色通道吗', answer: '设有绿色通道，请到一楼咨询台。' } });
    expect((await ask('残疾人办事有绿色通道吗')).matched).toBe('faq');
    await signIn(page, server.url);
    await page.goto(`${server.url}/admin#/faq`);
    const box = page.getByRole('checkbox', { name: '启用：残疾人办事有绿色通道吗' });
    await box.uncheck();
    await page.getByRole('status').filter({ hasText: '已停用' }).waitFor();
    expect((await ask('残疾人办事有绿色通道吗')).matched).not.toBe('faq');
  });

  it('imports a CSV with a bad line, reporting it by line while keeping the good rows, and exports CSV', async () => {
    await signIn(page, server.url);
    await page.getByRole('link', { name: '导入导出' }).click();
    const csv = '问题,答案,链接\n不动产登记在哪里办理,到不动产登记中心办理。,\n坏的一行,没有合法链接,javascript:alert(1)\n';
    await page.getByLabel('选择文件').setInputFiles({ name: 'faq.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    // Within the page: the console's live region (outside <main>) announces the same words.
    await page.getByRole('main').getByText('新建 1 条，更新 0 条，未变 0 条').waitFor();
    const errors = page.getByRole('table', { name: '有错误的行（已跳过）' });
    await errors.waitFor();
    expect(await errors.getByRole('row').nth(1).textContent()).toMatch(/^3链接：/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^faq-\d{8}\.csv$/);
    await page.getByRole('status').filter({ hasText: /已下载 faq-\d{8}\.csv/ }).waitFor();
  });

  it('lists feedback and the audit log of changes', async () => {
    const answer = await ask('办事大厅几点开门');
    await fetch(`${server.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerId: answer.id, helpful: false, comment: '周六开不开门？' }),
    });
    await signIn(page, server.url, STAFF_TOKEN, '李明');
    await page.getByRole('link', { name: '用户反馈' }).click();
    const row = page.getByRole('row').filter({ hasText: '周六开不开门？' });
    await row.waitFor();
    expect(await row.textContent()).toContain('没帮助');
    expect(await row.textContent()).toContain('办事大厅几点开门');

    await page.getByRole('link', { name: '操作日志' }).click();
    await page.getByRole('heading', { level: 1, name: '操作日志' }).waitFor();
    const update = page.getByRole('row').filter({ hasText: '社保卡在哪里办理' }).filter({ hasText: '修改' }).first();
    await update.waitFor();
    expect(await update.textContent()).toContain('答案：');
  });
});
