// The widget embedded by other sites (another origin than the robot): CORS, the host's CSP, hostile host CSS,
// every data- attribute, two embeds, no defer, blocked storage. One Chromium for the file.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureWidgetBuilt,
  launchChromium,
  skipBrowserTests,
  startHostSite,
  startRobot,
  watchProblems,
  type HostPage,
  type PageProblems,
  type RunningServer,
} from '../widget/browser-harness.js';

const QUESTION = '2015年主动公开了多少条政府信息？';

let robot: RunningServer;
let site: RunningServer;
let browser: Browser;

function page(head: string, body: string, headers: Record<string, string> = {}): HostPage {
  return {
    body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>外站</title>${head}</head><body><h1>某某区人民政府</h1><p>正文</p>${body}</body></html>`,
    headers,
  };
}

beforeAll(async () => {
  if (skipBrowserTests) return;
  const widgetFile = await ensureWidgetBuilt();
  [robot, browser] = await Promise.all([startRobot(), launchChromium()]);
  const tag = (attributes = '', defer = true) => `<script src="${robot.url}/widget.js"${defer ? ' defer' : ''} ${attributes}></script>`;
  // A webmaster's strict policy: scripts and API calls from the robot allowed, no inline script or style at all.
  const strictCsp = {
    'Content-Security-Policy': `default-src 'self'; script-src 'self' ${robot.url}; style-src 'self'; connect-src ${robot.url}; img-src 'self'; object-src 'none'; base-uri 'self'`,
  };
  const hostileCss = `
    * { font-family: serif !important; font-size: 9px !important; color: #f0f !important; line-height: 4 !important;
        letter-spacing: 6px !important; text-align: right !important; visibility: visible; }
    div { display: none !important; }
    [data-qa-widget] { transform: translateX(-5000px) !important; opacity: 0.1 !important; filter: blur(3px) !important; }
    button { background: lime !important; min-height: 0 !important; }
    :root { --qa-accent: lime; }`;
  site = await startHostSite({
    '/strict': page('', `<a href="#" data-qa-open>问一问</a>${tag()}`, strictCsp),
    '/attributes': page(
      '',
      tag('data-title="政务咨询" data-position="left" data-welcome="欢迎来到某某区" data-color="#ffeb3b" data-z-index="77" data-open'),
    ),
    '/hostile': page('<link rel="stylesheet" href="/hostile.css">', tag()),
    '/hostile.css': { body: hostileCss, type: 'text/css' },
    '/twice': page(tag('', false), tag()),
    '/head-no-defer': page(tag('', false), '<a href="#" id="later-link">稍后</a>'),
    '/self-hosted': page('', `<script src="/static/widget.js" data-endpoint="${robot.url}/" defer></script>`),
    '/static/widget.js': { body: readFileSync(widgetFile), type: 'text/javascript' },
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([robot?.close(), site?.close()]);
});

function widget(p: Page) {
  const host = p.locator('[data-qa-widget]');
  return {
    host,
    launcher: (name = '智能问答机器人') => host.getByRole('button', { name, exact: true }),
    dialog: host.getByRole('dialog'),
    input: host.getByRole('textbox', { name: '输入您的问题' }),
    log: host.getByRole('log'),
  };
}

describe.skipIf(skipBrowserTests)('the widget embedded by another site', () => {
  let context: BrowserContext;
  let tab: Page;
  let problems: PageProblems;

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    tab = await context.newPage();
    problems = await watchProblems(tab);
  });

  afterEach(async () => {
    await context.close();
  });

  it("answers through CORS from a page on another origin under that page's strict CSP, with no violations", async () => {
    await tab.goto(site.url + '/strict');
    const { launcher, dialog, input, log } = widget(tab);
    await tab.getByRole('link', { name: '问一问' }).click();
    await dialog.waitFor();
    const asked = tab.waitForRequest((r) => r.url() === `${robot.url}/api/ask` && r.method() === 'POST');
    await input.fill(QUESTION);
    await input.press('Enter');
    const request = await asked;
    expect(request.headers()['x-qa-client']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const answer = log.locator('.msg', { hasText: '23000' });
    await answer.waitFor();
    // Relative source URLs resolve against the robot, not against the embedding page.
    const href = await answer.getByRole('link', { name: /政府信息公开年度报告/ }).getAttribute('href');
    expect(href!.startsWith(`${robot.url}/reports/`)).toBe(true);
    expect(await launcher().isVisible()).toBe(true);
    expect(await problems.violations()).toEqual([]);
    expect(problems.errors).toEqual([]);
  });

  it('adds nothing to the host page <head>', async () => {
    await tab.goto(site.url + '/strict');
    await widget(tab).launcher().waitFor();
    const head = await tab.evaluate(() => [...document.head.children].map((el) => el.tagName));
    expect(head).toEqual(['META', 'META', 'TITLE']);
  });

  it('applies every data- attribute: title, left position, welcome, colour with readable text, z-index, open', async () => {
    await tab.goto(site.url + '/attributes');
    const { launcher, host } = widget(tab);
    const dialog = host.getByRole('dialog', { name: '政务咨询' });
    await dialog.waitFor();
    await dialog.getByText('欢迎来到某某区').waitFor();
    const button = launcher('政务咨询');
    const style = await button.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, zIndex: s.zIndex, left: el.getBoundingClientRect().left };
    });
    expect(style).toEqual({ background: 'rgb(255, 235, 59)', color: 'rgb(0, 0, 0)', zIndex: '77', left: 16 });
    expect((await dialog.boundingBox())!.x).toBe(16);
    // data-open must not steal focus from the page on load.
    expect(await tab.evaluate(() => document.activeElement === document.body)).toBe(true);
  });

  it("keeps the host page's CSS out: hostile rules neither hide, move nor restyle it", async () => {
    await tab.goto(site.url + '/hostile');
    const { launcher, dialog, log } = widget(tab);
    const button = launcher();
    await button.click();
    await dialog.waitFor();
    const look = await button.evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        color: s.color,
        background: s.backgroundColor,
        fontSize: s.fontSize,
        letterSpacing: s.letterSpacing,
        serif: s.fontFamily.startsWith('serif'),
        height: r.height,
        onScreen: r.left >= 0 && r.right <= innerWidth,
      };
    });
    expect(look).toEqual({
      color: 'rgb(255, 255, 255)',
      background: 'rgb(21, 101, 192)',
      fontSize: '17px',
      letterSpacing: 'normal',
      serif: false,
      height: 52,
      onScreen: true,
    });
    const host = await tab.evaluate(() => {
      const s = getComputedStyle(document.querySelector('[data-qa-widget]')!);
      return { transform: s.transform, opacity: s.opacity, filter: s.filter, display: s.display };
    });
    expect(host).toEqual({ transform: 'none', opacity: '1', filter: 'none', display: 'inline' });
    const text = log.locator('.msg').first();
    expect(await text.evaluate((el) => getComputedStyle(el).textAlign)).toBe('left');
  });

  it('mounts once when widget.js is included twice, and still answers', async () => {
    const infos: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'info') infos.push(m.text());
    });
    await tab.goto(site.url + '/twice');
    const { launcher, dialog, log } = widget(tab);
    await launcher().waitFor();
    await tab.waitForLoadState('load');
    expect(await tab.locator('[data-qa-widget]').count()).toBe(1);
    expect(infos.some((t) => t.includes('more than once'))).toBe(true);
    await tab.evaluate((q) => window.QAWidget!.ask(q), '投诉电话是多少？');
    await dialog.waitFor();
    await log.getByText('6958028', { exact: false }).first().waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('works from <head> without defer: mounts once the body exists and opens from data-qa-open elements added later', async () => {
    await tab.goto(site.url + '/head-no-defer');
    const { launcher, dialog } = widget(tab);
    await launcher().waitFor();
    expect(await tab.evaluate(() => document.querySelector('[data-qa-widget]')!.parentElement === document.body)).toBe(true);
    await tab.evaluate(() => document.getElementById('later-link')!.setAttribute('data-qa-open', ''));
    await tab.getByRole('link', { name: '稍后' }).click();
    await dialog.waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('calls the API at data-endpoint when the script is served from elsewhere', async () => {
    await tab.goto(site.url + '/self-hosted');
    const { launcher, input, log } = widget(tab);
    await launcher().click();
    const asked = tab.waitForRequest((r) => r.url().endsWith('/api/ask'));
    await input.fill(QUESTION);
    await input.press('Enter');
    expect((await asked).url()).toBe(`${robot.url}/api/ask`);
    await log.getByText('23000', { exact: false }).waitFor();
  });

  it('keeps working when the browser blocks storage', async () => {
    await tab.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException('storage is disabled', 'SecurityError');
          },
        });
      }
    });
    await tab.goto(site.url + '/strict');
    const { launcher, input, log } = widget(tab);
    await launcher().click();
    const asked = tab.waitForRequest((r) => r.url().endsWith('/api/ask'));
    await input.fill(QUESTION);
    await input.press('Enter');
    expect((await asked).headers()['x-qa-client']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    await log.getByText('23000', { exact: false }).waitFor();
    expect(problems.errors).toEqual([]);
  });
});
