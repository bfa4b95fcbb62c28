// The widget on the demo page, in a real browser: one Chromium for the file, a fresh context (storage) per test.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import {
  ensureWidgetBuilt,
  launchChromium,
  skipBrowserTests,
  startRobot,
  watchProblems,
  type PageProblems,
  type RunningServer,
} from '../widget/browser-harness.js';

const QUESTION = '2015年主动公开了多少条政府信息？';
const REPORT_TITLE = '2015年度行政服务中心政府信息公开年度报告';

let robot: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowserTests) return;
  await ensureWidgetBuilt();
  [robot, browser] = await Promise.all([startRobot(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await robot?.close();
});

/** The widget's parts, found the way a citizen (or a screen reader) finds them. */
function widget(page: Page) {
  const host = page.locator('[data-qa-widget]');
  const dialog = host.getByRole('dialog', { name: '智能问答机器人' });
  return {
    host,
    launcher: host.getByRole('button', { name: '智能问答机器人', exact: true }),
    dialog,
    input: dialog.getByRole('textbox', { name: '输入您的问题' }),
    log: dialog.getByRole('log'),
    listbox: dialog.getByRole('listbox', { name: '推荐问题' }),
  };
}

async function ask(page: Page, question: string): Promise<void> {
  const { input } = widget(page);
  await input.fill(question);
  await input.press('Enter');
}

/** Where focus is inside the widget's shadow root: the focused element's class, or null when it is outside. */
/** Holds every /api/ask request until the returned function is called (to see what shows while waiting). */
async function holdAnswers(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/api/ask', async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

function focusedInWidget(page: Page): Promise<{ cls: string; inDialog: boolean } | null> {
  return page.evaluate(() => {
    const active = document.querySelector('[data-qa-widget]')?.shadowRoot?.activeElement;
    return active ? { cls: active.className, inDialog: active.closest('[role="dialog"]') !== null } : null;
  });
}

async function expectNoProblems(problems: PageProblems): Promise<void> {
  expect(await problems.violations()).toEqual([]);
  expect(problems.errors).toEqual([]);
}

describe.skipIf(skipBrowserTests)('the widget on the demo page at 1280×800', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    problems = await watchProblems(page);
    await page.goto(robot.url + '/');
    await widget(page).launcher.waitFor();
  });

  afterEach(async () => {
    await context.close();
  });

  it('embeds through its one script tag into a [data-qa-widget] host with an open shadow root, adding nothing to <head>', async () => {
    const facts = await page.evaluate(() => {
      const host = document.querySelectorAll('[data-qa-widget]');
      return {
        tags: document.querySelectorAll('script[src="/widget.js"]').length,
        hosts: host.length,
        openShadow: host[0]?.shadowRoot !== null,
        sheetsInShadow: host[0]?.shadowRoot?.adoptedStyleSheets.length,
        head: [...document.head.children].map((el) => el.tagName),
        documentSheets: document.adoptedStyleSheets.length,
        qaWidget: typeof window.QAWidget?.open,
      };
    });
    expect(facts).toEqual({
      tags: 1,
      hosts: 1,
      openShadow: true,
      sheetsInShadow: 2,
      head: ['META', 'META', 'TITLE', 'LINK'],
      documentSheets: 0,
      qaWidget: 'function',
    });
    await expectNoProblems(problems);
  });

  it('names its launcher 智能问答机器人 and opens a dialog that fits the viewport, focused on the question box', async () => {
    const { launcher, dialog, input } = widget(page);
    await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('false');
    await launcher.click();
    await dialog.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  });

  it("shows the welcome line and the hot questions, and asks one when it is clicked", async () => {
    const { launcher, dialog, log } = widget(page);
    await launcher.click();
    await dialog.getByText('您好！我是智能问答机器人').waitFor();
    await dialog.getByRole('button', { name: QUESTION }).click();
    await log.getByText('23000', { exact: false }).waitFor();
  });

  it("opens from the page's own 智能问答机器人 link (data-qa-open), from links added later, and from QAWidget.open()", async () => {
    const { dialog } = widget(page);
    await page.locator('.article-tools a[data-qa-open]').click();
    await dialog.waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await page.evaluate(() => window.QAWidget!.close());
    await dialog.waitFor({ state: 'hidden' });

    await page.evaluate(() => window.QAWidget!.open());
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.evaluate(() => {
      const later = document.createElement('button');
      later.id = 'later';
      later.setAttribute('data-qa-open', '');
      later.innerHTML = '<span>在线咨询</span>';
      document.body.prepend(later);
    });
    await page.locator('#later span').click();
    await dialog.waitFor();
  });

  it('answers 2015年主动公开了多少条政府信息？ with 23000, the matched words marked, and a citation linking to the passage', async () => {
    const { launcher, log } = widget(page);
    await launcher.click();
    await ask(page, QUESTION);
    const answer = log.locator('.msg', { hasText: '23000' });
    await answer.waitFor();
    const marks = await answer.locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.join('')).toContain('2015');
    const citation = answer.getByRole('link', { name: REPORT_TITLE });
    const href = (await citation.getAttribute('href'))!;
    expect(href.startsWith(`${robot.url}/reports/`)).toBe(true);
    expect(href).toContain('#:~:text=');
    await answer.getByText('2016-03-11').waitFor();
    await answer.getByText('2015年度报告').waitFor();
    await answer.getByText('一、政务信息公开情况 › 1、主动公开情况').waitFor();
    await expectNoProblems(problems);
  });

  it("sends on Enter, breaks the line on Shift+Enter, and never sends on an input method's confirming Enter", async () => {
    const { launcher, input, log } = widget(page);
    await launcher.click();
    await input.fill('投诉电话');
    await input.press('Shift+Enter');
    await input.pressSequentially('是多少？');
    expect(await input.inputValue()).toBe('投诉电话\n是多少？');
    // The Enter that confirms an input-method candidate (拼音) only confirms it.
    await input.evaluate((el) => {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true }));
    });
    expect(await log.locator('.user').count()).toBe(0);
    await input.press('Enter');
    await expect(log.locator('.user').last().textContent()).resolves.toBe('您问：投诉电话\n是多少？');
    expect(await input.inputValue()).toBe('');
    await log.getByText('6958028', { exact: false }).first().waitFor();
  });

  it('suggests questions while typing; the arrow keys pick one and Enter asks it', async () => {
    const { launcher, input, listbox, log } = widget(page);
    await launcher.click();
    await input.fill('公开');
    await listbox.waitFor();
    const options = listbox.getByRole('option');
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    expect(await input.getAttribute('aria-controls')).toBe(await listbox.getAttribute('id'));

    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await input.press('ArrowUp');
    const first = options.first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('false');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    const chosen = (await first.textContent())!;

    await input.press('Enter');
    await listbox.waitFor({ state: 'detached' });
    await expect(log.locator('.user').last().textContent()).resolves.toBe(`您问：${chosen}`);
  });

  it('closes only the suggestion list on the first Esc, and the dialog on the second', async () => {
    const { launcher, input, listbox, dialog } = widget(page);
    await launcher.click();
    await input.fill('收费');
    await listbox.waitFor();
    await input.press('Escape');
    await listbox.waitFor({ state: 'detached' });
    expect(await dialog.isVisible()).toBe(true);
    await input.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('answers a question it cannot answer with where to ask instead: the reply and the contact numbers', async () => {
    const { launcher, log } = widget(page);
    await launcher.click();
    await ask(page, '火星上有几只猫？');
    const reply = log.locator('.msg', { hasText: '抱歉' });
    await reply.waitFor();
    const phone = reply.getByRole('link', { name: '6958002' });
    expect(await phone.getAttribute('href')).toBe('tel:6958002');
    await reply.getByText('管理科咨询热线', { exact: false }).first().waitFor();
  });

  it('posts 有帮助 to /api/feedback with the answer id, then thanks (or says that sending failed)', async () => {
    const { launcher, log } = widget(page);
    await launcher.click();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/ask'));
    await ask(page, QUESTION);
    const { id } = (await (await answered).json()) as { id: string };
    const answer = log.locator('.msg', { hasText: '23000' });
    const posted = page.waitForRequest((r) => r.url() === `${robot.url}/api/feedback` && r.method() === 'POST');
    await answer.getByRole('button', { name: '有帮助' }).click();
    const request = await posted;
    expect(request.postDataJSON()).toEqual({ answerId: id, helpful: true });
    expect(request.headers()['content-type']).toBe('application/json');
    expect(request.headers()['x-qa-client']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    // The route may not exist yet on this server (201 when it does): either outcome must be told to the citizen.
    await answer.getByText(/谢谢您的反馈|反馈没有发送成功/).waitFor();
    const thanked = await answer.getByText('谢谢您的反馈！').isVisible();
    expect(await answer.getByRole('button', { name: '有帮助' }).getAttribute('aria-pressed')).toBe(String(thanked));
  });

  it('shows a readable error when the network fails, and 重试 then gets the answer', async () => {
    let calls = 0;
    await page.route('**/api/ask', (route) => (++calls === 1 ? route.abort('internetdisconnected') : route.continue()));
    const { launcher, log } = widget(page);
    await launcher.click();
    await ask(page, QUESTION);
    const error = log.locator('.error');
    await error.getByText('网络连接失败', { exact: false }).waitFor();
    await error.getByRole('button', { name: '重试' }).click();
    await log.getByText('23000', { exact: false }).waitFor();
    expect(await log.locator('.error').count()).toBe(0);
    expect(await log.locator('.user').count()).toBe(1);
  });

  it('shows a typing indicator while the answer is on its way', async () => {
    const release = await holdAnswers(page);
    const { launcher, log } = widget(page);
    await launcher.click();
    await ask(page, QUESTION);
    await log.getByText('正在查找答案…').waitFor();
    expect(await log.locator('.typing .dot').first().evaluate((el) => getComputedStyle(el).animationName)).toBe('qa-blink');
    release();
    await log.getByText('23000', { exact: false }).waitFor();
    await log.getByText('正在查找答案…').waitFor({ state: 'detached' });
  });

  it('stops the typing animation when the system asks for reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const release = await holdAnswers(page);
    const { launcher, log } = widget(page);
    await launcher.click();
    await ask(page, QUESTION);
    const dot = log.locator('.typing .dot').first();
    await dot.waitFor({ state: 'attached' });
    expect(await dot.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    release();
    await log.getByText('23000', { exact: false }).waitFor();
  });

  it('keeps the conversation when the citizen follows the citation to another page of the site', async () => {
    const { launcher, log } = widget(page);
    await launcher.click();
    await ask(page, QUESTION);
    const citation = log.getByRole('link', { name: REPORT_TITLE });
    await citation.click();
    await page.waitForURL(/\/reports\//);
    const after = widget(page);
    await after.launcher.click();
    await after.log.locator('.user', { hasText: QUESTION }).waitFor();
    await after.log.getByText('23000', { exact: false }).waitFor();
  });

  it('closes on Esc and gives focus back to the launcher', async () => {
    const { launcher, dialog, input } = widget(page);
    await launcher.click();
    await input.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(page)).toEqual({ cls: 'launcher', inDialog: false });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps Tab and Shift+Tab inside the open dialog', async () => {
    const { launcher } = widget(page);
    await launcher.click();
    for (const key of [...Array(12).fill('Tab'), ...Array(12).fill('Shift+Tab')] as string[]) {
      await page.keyboard.press(key);
      expect((await focusedInWidget(page))?.inDialog).toBe(true);
    }
  });

  it('is fully usable from the keyboard: open, ask, read, close', async () => {
    const { dialog, log } = widget(page);
    await page.locator('.article-tools a[data-qa-open]').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.insertText('投诉电话是多少？');
    await page.keyboard.press('Enter');
    await log.getByText('6958028', { exact: false }).first().waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('enlarges the text with A+ and remembers the choice', async () => {
    const { launcher, dialog } = widget(page);
    await launcher.click();
    const size = () => dialog.locator('.msg').first().evaluate((el) => getComputedStyle(el).fontSize);
    expect(parseFloat(await size())).toBeGreaterThanOrEqual(16);
    const aPlus = dialog.getByRole('button', { name: /A\+/ });
    expect(await aPlus.getAttribute('aria-pressed')).toBe('false');
    const before = parseFloat(await size());
    await aPlus.click();
    expect(await aPlus.getAttribute('aria-pressed')).toBe('true');
    expect(parseFloat(await size())).toBeGreaterThan(before);
    await page.reload();
    await widget(page).launcher.click();
    expect(parseFloat(await size())).toBeGreaterThan(before);
  });

  it("works under the demo page's strict Content-Security-Policy without a single violation", async () => {
    const response = await page.request.get(robot.url + '/');
    const csp = response.headers()['content-security-policy']!;
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const { launcher, input, listbox, log } = widget(page);
    await launcher.click();
    await input.fill('公开');
    await listbox.waitFor();
    await ask(page, QUESTION);
    await log.getByText('23000', { exact: false }).waitFor();
    await expectNoProblems(problems);
  });

  it('renders an answer containing markup as inert text and never links a javascript: source', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await page.route('**/api/ask', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          id: 'crafted',
          answer: `答：${hostile}`,
          matched: 'faq',
          sources: [
            { title: '<b>标题</b>', date: '2016-03-11', url: 'javascript:window.__pwned=3', section: '<i>节</i>', snippet: '', year: 2015 },
            { title: '数据', date: null, url: 'data:text/html,<script>alert(1)</script>', section: '', snippet: '', year: null },
          ],
          highlights: [{ start: 2, end: 12 }],
          questionTypes: [],
          year: 2015,
          contacts: [{ label: '<img src=x onerror="window.__pwned=4">', phone: 'javascript:1' }],
          suggestions: [],
          faq: { id: 1, link: 'javascript:window.__pwned=5' },
        }),
      }),
    );
    const { launcher, log } = widget(page);
    await launcher.click();
    await ask(page, '随便问问');
    const answer = log.locator('.msg', { hasText: '答：' });
    await answer.waitFor();
    expect(await answer.locator('.text').textContent()).toBe(`答：${hostile}`);
    await answer.getByText('《<b>标题</b>》').waitFor();
    const inShadow = await page.evaluate(() => {
      const root = document.querySelector('[data-qa-widget]')!.shadowRoot!;
      return {
        elements: root.querySelectorAll('img, script, b, i').length,
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      };
    });
    expect(inShadow).toEqual({ elements: 0, hrefs: [], pwned: null });
    await answer.getByText('《<b>标题</b>》').click();
    expect(page.url()).toBe(robot.url + '/');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
  });
});

describe.skipIf(skipBrowserTests)('the widget on the demo page on a phone', () => {
  it.each([
    [375, 740],
    [375, 667],
  ])('at %i×%i fills the screen with the dialog, answers with its citation, and never scrolls the page sideways', async (width, height) => {
    const context = await browser.newContext({ viewport: { width, height }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const problems = await watchProblems(page);
      await page.goto(robot.url + '/');
      const { launcher, dialog, input, log } = widget(page);
      await launcher.tap();
      await dialog.waitFor();
      expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width, height });
      await input.fill(QUESTION);
      await dialog.getByRole('button', { name: '发送' }).tap();
      const answer = log.locator('.msg', { hasText: '23000' });
      await answer.waitFor();
      await answer.getByRole('link', { name: REPORT_TITLE }).waitFor();
      const sideways = await page.evaluate(() => {
        window.scrollTo(500, window.scrollY);
        return { scrollX: window.scrollX, overflow: document.documentElement.scrollWidth - window.innerWidth };
      });
      expect(sideways).toEqual({ scrollX: 0, overflow: 0 });
      const targets = await dialog.locator('button').evaluateAll((buttons) =>
        buttons.filter((b) => b.getClientRects().length > 0).map((b) => Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height)),
      );
      expect(Math.min(...targets)).toBeGreaterThanOrEqual(44);
      await expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
