import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, normalizeHexColor, readWidgetConfig } from '../../widget/src/config.js';

const PAGE = 'https://www.example.gov.cn/news/1.html';
const SCRIPT = 'https://robot.example.gov.cn/widget.js?v=3';

describe('readWidgetConfig', () => {
  it('uses a documented default for every attribute when the tag has none', () => {
    const { config, warnings } = readWidgetConfig({}, SCRIPT, PAGE);
    expect(config).toEqual({
      endpoint: 'https://robot.example.gov.cn',
      title: '智能问答机器人',
      position: 'right',
      open: false,
      welcome: DEFAULT_CONFIG.welcome,
      color: '#1565c0',
      zIndex: 2147483000,
      report: PAGE,
    });
    expect(warnings).toEqual([]);
  });

  it('says which report questions are about: data-report when given, else the page the widget is on', () => {
    expect(readWidgetConfig({ report: ' pingtan-2024 ' }, SCRIPT, PAGE).config.report).toBe('pingtan-2024');
    expect(readWidgetConfig({ report: '' }, SCRIPT, PAGE).config.report).toBe(PAGE);
  });

  it("defaults the endpoint to the script's own origin, resolving a relative src against the page", () => {
    expect(readWidgetConfig({}, '/widget.js', PAGE).config.endpoint).toBe('https://www.example.gov.cn');
    expect(readWidgetConfig({}, 'http://127.0.0.1:8787/static/widget.js', PAGE).config.endpoint).toBe('http://127.0.0.1:8787');
  });

  it('falls back to the page origin when the script is unknown', () => {
    expect(readWidgetConfig({}, null, PAGE).config.endpoint).toBe('https://www.example.gov.cn');
  });

  it('takes data-endpoint with a path prefix, without trailing slash, query or fragment', () => {
    const { config } = readWidgetConfig({ endpoint: 'https://qa.example.gov.cn/robot/?x=1#y' }, SCRIPT, PAGE);
    expect(config.endpoint).toBe('https://qa.example.gov.cn/robot');
    expect(readWidgetConfig({ endpoint: '/qa/' }, SCRIPT, PAGE).config.endpoint).toBe('https://www.example.gov.cn/qa');
  });

  it('refuses a non-http data-endpoint with a warning naming the attribute', () => {
    const { config, warnings } = readWidgetConfig({ endpoint: 'javascript:alert(1)' }, SCRIPT, PAGE);
    expect(config.endpoint).toBe('https://robot.example.gov.cn');
    expect(warnings[0]).toMatch(/^data-endpoint must be an http\(s\) URL/);
  });

  it('reads title, welcome, position, colour and z-index, trimming spaces', () => {
    const { config, warnings } = readWidgetConfig(
      { title: ' 政务咨询 ', welcome: '您好', position: 'LEFT', color: '#ABC', zIndex: '10' },
      SCRIPT,
      PAGE,
    );
    expect(config).toMatchObject({ title: '政务咨询', welcome: '您好', position: 'left', color: '#aabbcc', zIndex: 10 });
    expect(warnings).toEqual([]);
  });

  it('keeps defaults for empty title and welcome', () => {
    const { config } = readWidgetConfig({ title: '  ', welcome: '' }, SCRIPT, PAGE);
    expect(config.title).toBe('智能问答机器人');
    expect(config.welcome).toBe(DEFAULT_CONFIG.welcome);
  });

  it.each([
    ['', true],
    ['true', true],
    ['open', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['off', false],
  ])('reads data-open="%s" as %s', (value, open) => {
    expect(readWidgetConfig({ open: value }, SCRIPT, PAGE).config.open).toBe(open);
  });

  it('warns and keeps the default for a malformed position, colour or z-index', () => {
    const { config, warnings } = readWidgetConfig({ position: 'top', color: 'red', zIndex: '-1' }, SCRIPT, PAGE);
    expect(config).toMatchObject({ position: 'right', color: '#1565c0', zIndex: 2147483000 });
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/data-position[\s\S]*data-color[\s\S]*data-z-index/);
  });

  it('refuses a colour that could smuggle CSS into the theme', () => {
    expect(readWidgetConfig({ color: '#fff;}:host{display:none' }, SCRIPT, PAGE).config.color).toBe('#1565c0');
  });

  it('refuses a z-index beyond the largest CSS integer', () => {
    expect(readWidgetConfig({ zIndex: '99999999999' }, SCRIPT, PAGE).config.zIndex).toBe(2147483000);
  });
});

describe('normalizeHexColor', () => {
  it('expands short hex and lower-cases', () => {
    expect(normalizeHexColor('#F0a')).toBe('#ff00aa');
    expect(normalizeHexColor(' #B71C1C ')).toBe('#b71c1c');
  });

  it('rejects names, rgb() and 8-digit hex', () => {
    expect(normalizeHexColor('red')).toBeNull();
    expect(normalizeHexColor('rgb(0,0,0)')).toBeNull();
    expect(normalizeHexColor('#11223344')).toBeNull();
  });
});
