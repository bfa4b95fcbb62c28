// Owns the console's addresses: which page a `#/…` location shows and the link to each page. The console is one
// HTML file at /admin, so pages live in the hash (the server never sees them). Pure functions, imports nothing.

/** A page of the console and what it was opened with. */
export type Route =
  | { page: 'overview' }
  | { page: 'faq' }
  | { page: 'faq-new'; question: string }
  | { page: 'faq-edit'; id: number }
  | { page: 'unanswered' }
  | { page: 'inquiries' }
  | { page: 'feedback' }
  | { page: 'test'; question: string }
  | { page: 'transfer' }
  | { page: 'reports' }
  | { page: 'settings' }
  | { page: 'audit'; faqId: number | null };

/** The pages in the navigation, in order (the FAQ editor belongs to `faq`). */
export const NAV_PAGES = ['overview', 'inquiries', 'faq', 'unanswered', 'feedback', 'test', 'transfer', 'reports', 'settings', 'audit'] as const;
export type NavPage = (typeof NAV_PAGES)[number];

function param(query: string, name: string): string {
  try {
    return new URLSearchParams(query).get(name) ?? '';
  } catch {
    return '';
  }
}

function positiveInt(text: string): number | null {
  return /^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

/** Reads a location hash (`#/faq/12`, `#/faq/new?question=…`); anything unknown is the overview. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [path = '', query = ''] = raw.split(/\?(.*)/s, 2);
  const parts = path.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'faq': {
      if (parts[1] === 'new') return { page: 'faq-new', question: param(query, 'question') };
      const id = parts[1] === undefined ? null : positiveInt(parts[1]);
      return id === null ? { page: 'faq' } : { page: 'faq-edit', id };
    }
    case 'unanswered':
    case 'inquiries':
    case 'feedback':
    case 'transfer':
    case 'reports':
    case 'settings':
      return { page: parts[0] };
    case 'test':
      return { page: 'test', question: param(query, 'q') };
    case 'audit':
      return { page: 'audit', faqId: positiveInt(param(query, 'faqId')) };
    default:
      return { page: 'overview' };
  }
}

/** The `href` of a route (`#/faq/new?question=%E6%8A%A4…`); parseRoute(routeHref(r)) gives r back. */
export function routeHref(route: Route): string {
  switch (route.page) {
    case 'faq-new':
      return route.question ? `#/faq/new?question=${encodeURIComponent(route.question)}` : '#/faq/new';
    case 'faq-edit':
      return `#/faq/${route.id}`;
    case 'test':
      return route.question ? `#/test?q=${encodeURIComponent(route.question)}` : '#/test';
    case 'audit':
      return route.faqId !== null ? `#/audit?faqId=${route.faqId}` : '#/audit';
    default:
      return `#/${route.page}`;
  }
}

/** The navigation entry a route belongs to (the FAQ editor is part of 常见问题). */
export function navPageOf(route: Route): NavPage {
  return route.page === 'faq-new' || route.page === 'faq-edit' ? 'faq' : route.page;
}

/** The `href` of a navigation entry (the page without parameters). */
export function navHref(page: NavPage): string {
  return `#/${page}`;
}
