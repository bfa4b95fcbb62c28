// Owns the console's frame: signed in or not, the page the location hash names, the header with sign-out, the
// navigation, the live region, and returning to the sign-in when the server refuses the token. Imports preact and
// the console's modules.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createAdminApi } from './api.js';
import { ConsoleContext, type ConsoleContextValue, type Flash } from './context.js';
import { Notice } from './components/ui.js';
import { AuditPage } from './pages/Audit.js';
import { FaqEditorPage } from './pages/FaqEditor.js';
import { FaqListPage } from './pages/FaqList.js';
import { FeedbackPage } from './pages/Feedback.js';
import { HitTestPage } from './pages/HitTest.js';
import { InquiriesPage } from './pages/Inquiries.js';
import { OverviewPage } from './pages/Overview.js';
import { ReportsPage } from './pages/Reports.js';
import { SettingsPage } from './pages/Settings.js';
import { SignInPage } from './pages/SignIn.js';
import { TransferPage } from './pages/Transfer.js';
import { UnansweredPage } from './pages/Unanswered.js';
import { NAV_PAGES, navHref, navPageOf, parseRoute, routeHref, type Route } from './route.js';
import { clearSession, readSession, saveSession, type SessionStore, type StaffSession } from './session.js';
import { APP_NAME, CONSOLE_NAME, PAGE_TITLES } from './strings.zh-CN.js';

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'faq':
      return <FaqListPage />;
    case 'faq-new':
      return <FaqEditorPage id={null} question={route.question} />;
    case 'faq-edit':
      return <FaqEditorPage id={route.id} question="" />;
    case 'unanswered':
      return <UnansweredPage />;
    case 'inquiries':
      return <InquiriesPage />;
    case 'feedback':
      return <FeedbackPage />;
    case 'test':
      return <HitTestPage question={route.question} />;
    case 'transfer':
      return <TransferPage />;
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'audit':
      return <AuditPage faqId={route.faqId} />;
  }
}

export function ConsoleApp({ store }: { store: SessionStore | null }) {
  const [session, setSession] = useState<StaffSession | null>(() => readSession(store));
  const [signInMessage, setSignInMessage] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [navigated, setNavigated] = useState(false);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const announceTimer = useRef<ReturnType<typeof setTimeout>>();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    const onHash = () => {
      setRoute(parseRoute(location.hash));
      setNavigated(true);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const announce = useCallback((message: string) => {
    // Emptied first, so the same message twice is read out twice.
    setAnnouncement('');
    clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => setAnnouncement(message), 50);
  }, []);

  const signOut = useCallback(
    (message: string | null) => {
      clearSession(store);
      setSession(null);
      setSignInMessage(message);
      setNavigated(false);
    },
    [store],
  );

  const api = useMemo(
    () =>
      session
        ? createAdminApi({
            token: session.token,
            staffName: session.name,
            onUnauthorized: () => signOut('登录已失效：服务器不再接受这个令牌（可能已更换）。请重新登录。'),
          })
        : null,
    [session, signOut],
  );

  const navigate = useCallback((to: Route, message?: string) => {
    const href = routeHref(to);
    setFlash(message ? { message, href } : null);
    if (location.hash === href) {
      setRoute(parseRoute(href));
      setNavigated(true);
    } else {
      location.hash = href;
    }
  }, []);

  const context = useMemo<ConsoleContextValue | null>(
    () => (api ? { api, announce, navigate, focusHeading: navigated } : null),
    [api, announce, navigate, navigated],
  );

  if (!session || !context) {
    return (
      <>
        <SignInPage
          message={signInMessage}
          onSignedIn={(s) => {
            saveSession(store, s);
            setSession(s);
            setSignInMessage(null);
            // Land on the page with focus on its heading.
            setNavigated(true);
          }}
        />
        <LiveRegion text={announcement} />
      </>
    );
  }

  const current = navPageOf(route);
  const href = routeHref(route);
  return (
    <ConsoleContext.Provider value={context}>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash holds the page: move focus instead of navigating.
          e.preventDefault();
          main.current?.focus();
        }}
      >
        跳到主要内容
      </a>
      <header class="topbar" role="banner">
        <div class="brand">
          <span class="emblem" aria-hidden="true" />
          <span class="brand-name">{APP_NAME}</span>
          <span class="brand-sub">{CONSOLE_NAME}</span>
        </div>
        <div class="user">
          <span>当前用户：{session.name || '工作人员'}</span>
          <button type="button" class="button button-small button-on-dark" onClick={() => signOut('您已退出登录。')}>
            退出登录
          </button>
        </div>
      </header>
      <div class="layout">
        <nav class="sidenav" aria-label="主导航">
          <ul>
            {NAV_PAGES.map((page) => (
              <li key={page}>
                <a href={navHref(page)} aria-current={current === page ? 'page' : undefined}>
                  {PAGE_TITLES[page]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={main} tabIndex={-1} class="main">
          {flash && flash.href === href ? <Notice kind="success">{flash.message}</Notice> : null}
          <PageFor key={href} route={route} />
        </main>
      </div>
      <footer class="footer">
        {APP_NAME}
        {CONSOLE_NAME} · 令牌只保存在当前标签页，关闭标签页即退出登录
      </footer>
      <LiveRegion text={announcement} />
    </ConsoleContext.Provider>
  );
}

/** The polite live region that reads out results which do not move focus. */
function LiveRegion({ text }: { text: string }) {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
