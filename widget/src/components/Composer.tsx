// Owns the question box: Enter sends, Shift+Enter breaks the line, an IME's composing Enter never sends, and
// suggestions while typing, navigable with the arrow keys. Imports preact and the widget's own modules only.
import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import { STRINGS } from '../strings.zh-CN.js';

/** Milliseconds of quiet typing before suggestions are looked up. */
export const SUGGEST_DELAY_MS = 250;
/** Most suggestions shown at once. */
export const MAX_SUGGESTIONS = 6;
/** Longest question the server accepts (characters). */
export const MAX_QUESTION_LENGTH = 200;

export interface ComposerProps {
  api: Pick<ApiClient, 'suggest'>;
  /** Asks a question; returns false when it was not taken (blank, or one is still pending), so the draft is kept. */
  onSend(question: string): boolean;
  inputRef: Ref<HTMLTextAreaElement>;
}

/**
 * Whether a keydown in the question box should send. Shift+Enter inserts a newline, and the Enter that confirms an
 * IME composition (拼音 candidates) must only confirm it: `isComposing`, or keyCode 229 in browsers that report
 * the confirming keydown after compositionend.
 */
export function isSendKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'keyCode'>): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229;
}

/**
 * The question box.
 *
 * @remarks ARIA in HTML allows no role on a `<textarea>`, so this is the combobox pattern on a textbox: the
 * textarea keeps its role and points at the listbox with `aria-controls` and at the highlighted option with
 * `aria-activedescendant` (focus never leaves the textarea), and `aria-autocomplete="list"` says suggestions appear.
 */
export function Composer({ api, onSend, inputRef }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    const query = draft.trim();
    setActive(-1);
    if (!query) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.suggest(query, controller.signal).then(
        (list) => setSuggestions(list.filter((s) => s !== query).slice(0, MAX_SUGGESTIONS)),
        () => setSuggestions([]),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft]);

  const listOpen = suggestions.length > 0 && !dismissed;

  const send = (question: string) => {
    if (!onSend(question)) return;
    setDraft('');
    setSuggestions([]);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = suggestions.length;
    if (listOpen && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setActive((a) => (event.key === 'ArrowDown' ? (a + 1) % count : a <= 0 ? count - 1 : a - 1));
    } else if (listOpen && event.key === 'Escape') {
      // Only the list closes; the dialog's own Esc handler must not see this key.
      event.preventDefault();
      event.stopPropagation();
      setDismissed(true);
    } else if (isSendKey(event)) {
      event.preventDefault();
      send(listOpen && active >= 0 ? suggestions[active]! : draft);
    }
  };

  return (
    <div class="composer">
      {listOpen && (
        <ul
          id="qa-suggest"
          class="listbox"
          role="listbox"
          aria-label={STRINGS.suggestions}
          // Keep focus in the textarea while the pointer picks an option or drags the list's scrollbar.
          onMouseDown={(e) => e.preventDefault()}
        >
          {suggestions.map((s, i) => (
            <li key={s} id={`qa-option-${i}`} class="option" role="option" aria-selected={i === active} onClick={() => send(s)}>
              {s}
            </li>
          ))}
        </ul>
      )}
      <label class="sr" for="qa-input">
        {STRINGS.inputLabel}
      </label>
      <textarea
        ref={inputRef}
        id="qa-input"
        rows={2}
        maxLength={MAX_QUESTION_LENGTH}
        placeholder={STRINGS.placeholder}
        value={draft}
        aria-describedby="qa-hint"
        aria-autocomplete="list"
        aria-controls={listOpen ? 'qa-suggest' : undefined}
        aria-activedescendant={listOpen && active >= 0 ? `qa-option-${active}` : undefined}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          setDismissed(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setDismissed(true)}
      />
      <button type="button" class="send" onClick={() => send(draft)}>
        {STRINGS.send}
      </button>
      <p id="qa-hint" class="sr">
        {STRINGS.inputHint}
      </p>
    </div>
  );
}
