// Owns the widget's screen: the launcher, the dialog with its message log and question box, focus management,
// and wiring the conversation state to the API client. Imports preact and the widget's own modules only.
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import { ApiRequestError, type ApiClient } from '../api.js';
import type { WidgetConfig } from '../config.js';
import { conversationReducer, loadConversation, saveConversation } from '../conversation.js';
import type { StorageLike } from '../storage.js';
import { STRINGS } from '../strings.zh-CN.js';
import type { InquiryRequest } from '../../../server/contract.js';
import { CHAT_ICON, LARGE_TEXT_KEY } from '../host.js';
import { readLookupCode } from '../text.js';
import { Composer } from './Composer.js';
import { MessageView, QuestionChips } from './MessageView.js';

/** What the page can do to the widget (`window.QAWidget` forwards to these). */
export interface WidgetCommands {
  open(): void;
  close(): void;
  ask(question: string): void;
}

export interface AppProps {
  config: WidgetConfig;
  api: ApiClient;
  /** Where the conversation is kept across page loads (sessionStorage). */
  session: StorageLike;
  /** Where the large-text preference is kept (localStorage). */
  local: StorageLike;
  /** Filled in by the App on every render with its current commands. */
  commands: Partial<WidgetCommands>;
}

export { LARGE_TEXT_KEY } from '../host.js';

const FOCUSABLE = 'button,textarea,a[href],[tabindex="0"]';

/** Keeps Tab and Shift+Tab cycling inside the open dialog. */
function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  const outside = !active || !dialog.contains(active) || active === dialog;
  // Tab past the last, Shift+Tab before the first (or from outside them): wrap around.
  if (outside || active === (event.shiftKey ? first : last)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}


/** The whole widget inside its shadow root. */
export function App({ config, api, session, local, commands }: AppProps) {
  const [open, setOpen] = useState(config.open);
  const [state, dispatch] = useReducer(conversationReducer, undefined, () => loadConversation(session, config.endpoint));
  const [hot, setHot] = useState<string[]>([]);
  const [large, setLarge] = useState(() => local.getItem(LARGE_TEXT_KEY) === '1');
  const launcher = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(open);
  const hotRequested = useRef(false);

  const ask = (question: string): boolean => {
    if (!question.trim() || state.pending !== null) return false;
    setOpen(true);
    dispatch({ type: 'ask', question });
    return true;
  };
  commands.open = () => setOpen(true);
  commands.close = () => setOpen(false);
  commands.ask = (question) => void ask(String(question));

  useEffect(() => saveConversation(session, config.endpoint, state), [state]);

  useEffect(() => {
    const question = state.pending;
    if (question === null) return;
    // A 查询码 typed in the question box shows that 留言's reply instead of asking.
    const code = readLookupCode(question);
    const failed = (error: unknown) =>
      dispatch({ type: 'failed', question, reason: error instanceof ApiRequestError ? error.failure : { kind: 'network' } });
    if (code) api.lookupInquiry(code).then((found) => dispatch({ type: 'lookedUp', found }), failed);
    else api.ask(question).then((response) => dispatch({ type: 'answered', response }), failed);
  }, [state.pending]);

  useEffect(() => {
    if (!open || hotRequested.current) return;
    hotRequested.current = true;
    api.hotQuestions().then(setHot, () => {
      hotRequested.current = false;
    });
  }, [open]);

  // A layout effect, so focus has moved by the time the render's task ends (a key pressed right after opening lands
  // in the dialog, not on the page).
  useLayoutEffect(() => {
    if (open && !wasOpen.current) {
      // On touch screens focusing the text box would pop the keyboard over the welcome and hot questions.
      const touch = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
      (touch ? dialog.current : input.current)?.focus();
    } else if (!open && wasOpen.current) {
      // Return focus to the launcher only when it was inside the widget (Esc, close button), never steal it.
      const root = launcher.current?.getRootNode() as ShadowRoot | undefined;
      if (root?.activeElement) launcher.current?.focus();
    }
    wasOpen.current = open;
  }, [open]);

  useEffect(() => {
    const el = log.current;
    const last = el?.lastElementChild as HTMLElement | null | undefined;
    if (!el || !last) return;
    // Show the newest message; when it is taller than the log, show its beginning rather than its end.
    el.scrollTop = last.offsetHeight > el.clientHeight ? last.offsetTop - el.offsetTop - 8 : el.scrollHeight;
  }, [state.messages.length, state.pending, open]);

  const close = () => {
    setOpen(false);
    launcher.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab' && dialog.current) {
      trapTab(event, dialog.current);
    }
  };

  const toggleLarge = () => {
    local.setItem(LARGE_TEXT_KEY, large ? '0' : '1');
    setLarge(!large);
  };

  const sendFeedback = (answerId: string, helpful: boolean, comment?: string) => {
    const commented = !!comment;
    dispatch({ type: 'feedback', answerId, helpful, state: 'sending', commented });
    api.sendFeedback(answerId, helpful, comment).then(
      () => dispatch({ type: 'feedback', answerId, helpful, state: 'sent', commented }),
      () => dispatch({ type: 'feedback', answerId, helpful, state: 'failed' }),
    );
  };

  const leave = (request: InquiryRequest) =>
    api.leaveInquiry(request).then(({ code, deadlineDays }) => dispatch({ type: 'left', code, deadlineDays }));

  return (
    <div class={`root ${config.position}${large ? ' large' : ''}`} onKeyDown={onKeyDown}>
      <button
        ref={launcher}
        type="button"
        class="launcher"
        aria-expanded={open}
        aria-controls="qa-dialog"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path fill="currentColor" d={CHAT_ICON} />
        </svg>
        <span>{config.title}</span>
      </button>
      <div
        ref={dialog}
        id="qa-dialog"
        class="panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="qa-title"
        tabIndex={-1}
        hidden={!open}
      >
        <div class="head">
          <h2 id="qa-title">{config.title}</h2>
          <button type="button" class="icon" aria-pressed={large} onClick={toggleLarge}>
            A+<span class="sr">{STRINGS.largeTextName}</span>
          </button>
          <button type="button" class="icon" onClick={close}>
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
            </svg>
            <span class="sr">{STRINGS.close}</span>
          </button>
        </div>
        <div ref={log} class="log" role="log" aria-live="polite" aria-label={STRINGS.log} tabIndex={0}>
          <div class="msg">
            <p class="text">{config.welcome}</p>
            {hot.length > 0 && (
              <div class="block">
                <p>{STRINGS.hotHeading}：</p>
                <QuestionChips questions={hot} onAsk={ask} />
              </div>
            )}
          </div>
          {state.messages.map((message, i) => {
            const before = state.messages[i - 1];
            return (
              <MessageView
                key={message.id}
                message={message}
                endpoint={config.endpoint}
                onAsk={ask}
                onRetry={(id) => dispatch({ type: 'retry', id })}
                onFeedback={sendFeedback}
                onLeave={leave}
                question={before?.role === 'user' ? before.text : ''}
              />
            );
          })}
          {state.pending !== null && (
            <div class="msg typing">
              {STRINGS.typing}
              <span class="dot" aria-hidden="true" />
              <span class="dot" aria-hidden="true" />
              <span class="dot" aria-hidden="true" />
            </div>
          )}
        </div>
        <Composer api={api} onSend={ask} inputRef={input} />
      </div>
    </div>
  );
}
