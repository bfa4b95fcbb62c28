// The console's pages live in the location hash; every link reads back as the page it names.
import { describe, expect, it } from 'vitest';
import { navPageOf, parseRoute, routeHref, type Route } from '../../widget/admin/route.js';

describe('parseRoute', () => {
  it('opens the overview for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/')).toEqual({ page: 'overview' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'overview' });
  });

  it('reads the FAQ editor for a new entry with a prefilled question, and for an entry by id', () => {
    expect(parseRoute('#/faq/new?question=%E6%8A%A4%E7%85%A7%E6%80%8E%E4%B9%88%E5%8A%9E%E7%90%86')).toEqual({
      page: 'faq-new',
      question: '护照怎么办理',
    });
    expect(parseRoute('#/faq/12')).toEqual({ page: 'faq-edit', id: 12 });
    expect(parseRoute('#/faq/0')).toEqual({ page: 'faq' });
    expect(parseRoute('#/faq/abc')).toEqual({ page: 'faq' });
  });

  it('reads the hit test question and the audit filter', () => {
    expect(parseRoute('#/test?q=%E5%8A%9E%E4%BA%8B')).toEqual({ page: 'test', question: '办事' });
    expect(parseRoute('#/audit?faqId=7')).toEqual({ page: 'audit', faqId: 7 });
    expect(parseRoute('#/audit?faqId=x')).toEqual({ page: 'audit', faqId: null });
  });
});

describe('routeHref', () => {
  const routes: Route[] = [
    { page: 'overview' },
    { page: 'faq' },
    { page: 'faq-new', question: '' },
    { page: 'faq-new', question: '社保卡 丢了怎么办？&=+#' },
    { page: 'faq-edit', id: 3 },
    { page: 'unanswered' },
    { page: 'feedback' },
    { page: 'test', question: '投诉电话是多少' },
    { page: 'transfer' },
    { page: 'reports' },
    { page: 'audit', faqId: null },
    { page: 'audit', faqId: 9 },
  ];

  it('writes links that read back as the same page', () => {
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('marks the FAQ editor as part of 常见问题 in the navigation', () => {
    expect(navPageOf({ page: 'faq-edit', id: 1 })).toBe('faq');
    expect(navPageOf({ page: 'faq-new', question: '' })).toBe('faq');
    expect(navPageOf({ page: 'reports' })).toBe('reports');
  });
});
