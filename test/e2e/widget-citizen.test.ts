// The widget's citizen ↔ staff flows in a real browser: leave a question after 「我不知道」, read the staff's reply by
// typing the 查询码, 没帮助 with a comment and a changed vote, the 朗读 control (only with a Chinese voice), the
// report the page is about, related questions and 「您是想问」 choices.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminInquiriesResponse } from '../../server/contract.js';
import { ensureWidgetBuilt, launchChromium, skipBrowserTests, startRobot, watchProblems, type PageProblems, type RunningServer } from '../widget/browser-harness.js';

const TOKEN = 'citizen-test-token-0123456789';
const UNANSWERABLE = '明天天气怎么样？';
const ANSWERABLE = '2015年主动公开了多少条政府信息？';

let robot: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowserTests) return;
  await ensureWidgetBuilt();
  [robot, browser] = await Promise.all([startRobot({ ADMIN_TOKEN: TOKEN }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await robot?.close();
});

function widget(page: Page) {
  const host = page.locator('[data-qa-widget]');
  const dialog = host.getByRole('dialog', { name: '智能问答机器人' });
  return {
    launcher: host.getByRole('button', { name: '智能问答机器人', exact: true }),
    dialog,
    input: dialog.getByRole('textbox', { name: '输入您的问题' }),
    log: dialog.getByRole('log'),
  };
}

async function open(page: Page): Promise<void> {
  await widget(page).launcher.click();
  await widget(page).dialog.waitFor();
}

async function ask(page: Page, question: string): Promise<void> {
  const { input } = widget(page);
  await input.fill(question);
  await input.press('Enter');
}

const staff = (path: string, init: RequestInit = {}) =>
  fetch(robot.url + path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

describe.skipIf(skipBrowserTests)('the widget between citizen and staff', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    problems = await watchProblems(page);
  });

  afterEach(async () => {
    await context.close();
  });

  it('downloads only the small loader with the page, and the panel when the citizen points at the launcher', async () => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(robot.url + '/');
    await widget(page).launcher.waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((s) => s.startsWith('/widget'))).toEqual(['/widget.js']);
    await widget(page).launcher.hover();
    await expect.poll(() => scripts.filter((s) => s.startsWith('/widget'))).toEqual(['/widget.js', '/widget-app.js']);
    await widget(page).launcher.click();
    await widget(page).input.waitFor();
    expect(await widget(page).input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await page.evaluate(() => document.head.querySelectorAll('script').length)).toBe(0);
  });

  it('leaves a question after 「我不知道」 with a phone number and consent, shows the 查询码, and shows the reply when the code is typed', async () => {
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, UNANSWERABLE);
    const { log, input } = widget(page);
    await log.getByRole('button', { name: '留言给工作人员' }).click();
    await expect(log.getByRole('textbox', { name: '您的问题' }).inputValue()).resolves.toBe(UNANSWERABLE);
    await log.getByRole('textbox', { name: '手机或电话（可不填）' }).fill('13812345678');
    await log.getByRole('button', { name: '提交留言' }).click();
    // Contact data without consent is not sent.
    await log.getByRole('alert').filter({ hasText: '请先勾选同意' }).waitFor();
    await log.getByRole('checkbox', { name: /我同意工作人员/ }).check();
    await log.getByRole('button', { name: '提交留言' }).click();
    const receipt = log.getByRole('status').filter({ hasText: '已收到您的留言' });
    await receipt.waitFor();
    const code = (await receipt.locator('strong').textContent())!;
    expect(code).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    expect(await log.getByRole('button', { name: '留言给工作人员' }).count()).toBe(0);

    // Staff reply through the inbox API.
    const inbox = (await (await staff('/api/admin/inquiries')).json()) as AdminInquiriesResponse;
    const left = inbox.inquiries.find((i) => i.question === UNANSWERABLE)!;
    expect(left.hasContact).toBe(true);
    expect((await staff(`/api/admin/inquiries/${left.id}/reply`, { method: 'POST', body: JSON.stringify({ reply: '天气请看气象台网站。' }) })).status).toBe(200);

    await input.fill(code.toLowerCase().replace(/-/g, ' '));
    await input.press('Enter');
    await log.getByText('工作人员答复：').waitFor();
    await log.getByText('天气请看气象台网站。').waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('says so when a typed 查询码 belongs to no question', async () => {
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, '2222-3333-4444');
    await widget(page).log.getByText('没有找到这个查询码的留言').waitFor();
  });

  it('after 没帮助 offers a comment box and leaving the question, and lets the vote be changed', async () => {
    const sent: Array<Record<string, unknown>> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/feedback')) sent.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
    });
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, ANSWERABLE);
    const { log } = widget(page);
    const notHelpful = log.getByRole('button', { name: '没帮助' });
    await notHelpful.click();
    await log.getByText('谢谢您的反馈！').waitFor();
    await log.getByRole('textbox', { name: /哪里没有帮到您/ }).fill('想知道依申请公开的数量');
    await log.getByRole('button', { name: '发送意见' }).click();
    await log.getByRole('button', { name: '留言给工作人员' }).waitFor();
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]).toMatchObject({ helpful: false, comment: '想知道依申请公开的数量' });
    // A misclick is not final.
    await log.getByRole('button', { name: '有帮助' }).click();
    await expect.poll(() => log.getByRole('button', { name: '有帮助' }).getAttribute('aria-pressed')).toBe('true');
    expect(sent[2]).toMatchObject({ helpful: true });
  });

  it('sends the page it is on as the report, and shows the figure asked for emphasised', async () => {
    const asked: Array<Record<string, unknown>> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/ask')) asked.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
    });
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, ANSWERABLE);
    const { log } = widget(page);
    await log.getByRole('button', { name: '有帮助' }).waitFor();
    expect(asked[0]).toMatchObject({ question: ANSWERABLE, report: robot.url + '/' });
    expect(await log.locator('.text strong').count()).toBeGreaterThan(0);
  });

  it('offers related questions under an answer, one click away', async () => {
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, ANSWERABLE);
    const { log } = widget(page);
    await log.getByText('相关问题：').waitFor();
    const chip = log.locator('.block').filter({ hasText: '相关问题：' }).getByRole('button').first();
    const question = (await chip.textContent())!;
    expect(question).not.toBe(ANSWERABLE);
    await chip.click();
    await expect.poll(() => log.locator('.user').allTextContents()).toEqual([`您问：${ANSWERABLE}`, `您问：${question}`]);
  });

  it('asks back 「您是想问」 with two choices when two answers score close, and shows the one chosen', async () => {
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, '2015年有人申请政府信息公开吗');
    const { log } = widget(page);
    await log.getByText('您是想问：').waitFor();
    const choices = log.locator('.msg').last().getByRole('button');
    expect(await choices.count()).toBe(2);
    await choices.filter({ hasText: '依申请公开' }).click();
    await log.getByText('没有收到任何依申请公开政府信息的申请', { exact: false }).waitFor();
    expect(await log.getByText('您是想问：').count()).toBe(0);
    await log.getByRole('button', { name: '有帮助' }).waitFor();
  });

  it('names each contact number once after 「我不知道」, as a tel: link', async () => {
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, UNANSWERABLE);
    const { log } = widget(page);
    const phone = log.getByRole('link', { name: '6958002' });
    await phone.waitFor();
    expect(await phone.count()).toBe(1);
    expect(await phone.getAttribute('href')).toBe('tel:6958002');
    expect((await log.textContent())!.split('6958002').length - 1).toBe(1);
  });

  it('shows a 朗读 toggle a keyboard reaches when the browser has a Chinese voice, and reads the answer in it', async () => {
    await page.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { __spoken: string[] }).__spoken = spoken;
      const voice = { lang: 'zh-CN', name: '测试语音', default: true, localService: true, voiceURI: 'test' };
      speechSynthesis.getVoices = () => [voice as SpeechSynthesisVoice];
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void spoken.push(`${u.lang}:${u.text.slice(0, 8)}`);
      // Only a real voice passes the utterance's own setter; keep the stand-in as given.
      Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
        set(this: { _voice?: unknown }, v: unknown) {
          this._voice = v;
        },
        get(this: { _voice?: unknown }) {
          return this._voice ?? null;
        },
      });
    });
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, ANSWERABLE);
    const read = widget(page).log.getByRole('button', { name: '朗读' });
    await read.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toHaveLength(1);
    expect((await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken))[0]).toMatch(/^zh-CN:/);
    expect(await widget(page).log.getByRole('button', { name: '停止朗读' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('hides 朗读 where the browser has no Chinese voice', async () => {
    await page.addInitScript(() => {
      speechSynthesis.getVoices = () => [{ lang: 'en-US', name: 'English', default: true, localService: true, voiceURI: 'en' } as SpeechSynthesisVoice];
    });
    await page.goto(robot.url + '/');
    await open(page);
    await ask(page, ANSWERABLE);
    await widget(page).log.getByRole('button', { name: '有帮助' }).waitFor();
    expect(await widget(page).log.getByRole('button', { name: '朗读' }).count()).toBe(0);
  });
});
