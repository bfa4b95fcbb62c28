// Owns the console's small shared pieces: page headings that take focus, notices, labelled fields with their
// errors, loading and error lines. Imports preact and the console's own modules only.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AdminApiError } from '../api.js';
import { useConsole } from '../context.js';
import { APP_NAME, CONSOLE_NAME, describeError } from '../strings.zh-CN.js';

/**
 * The page's <h1>: sets the document title and, after a navigation, takes focus so keyboard and screen-reader
 * users start at the new page (tabIndex -1: focusable by script, not in the Tab order).
 */
export function PageHeading({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { focusHeading } = useConsole();
  // A layout effect: focus moves in the same task as the page appears, never after a test (or a user) acts.
  useLayoutEffect(() => {
    document.title = `${title} · ${APP_NAME}${CONSOLE_NAME}`;
    if (focusHeading) ref.current?.focus();
    // Only when the page appears: later renders keep focus where the user put it.
  }, []);
  return (
    <h1 ref={ref} id="page-heading" tabIndex={-1} class="page-title">
      {children}
    </h1>
  );
}

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

/**
 * A boxed message. Errors are `role="alert"` (read out at once); the others `role="status"` (read out politely).
 * `focus` moves focus to it when it appears (for an error summary the user must act on).
 */
export function Notice({
  kind = 'info',
  title,
  children,
  focus = false,
  id,
}: {
  kind?: NoticeKind;
  title?: string;
  children?: ComponentChildren;
  focus?: boolean;
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} id={id} class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} tabIndex={focus ? -1 : undefined}>
      {title ? <p class="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}

/** An API error as a notice: what it means, and the server's own words for the technically minded. */
export function ErrorNotice({ error, title, children }: { error: AdminApiError; title?: string; children?: ComponentChildren }) {
  return (
    <Notice kind="error" title={title ?? describeError(error)}>
      {title ? <p>{describeError(error)}</p> : null}
      {error.message ? <p class="notice-detail">服务器说明：{error.message}</p> : null}
      {children}
    </Notice>
  );
}

/** A quiet "loading" line, announced politely. */
export function Loading({ label = '正在加载…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

interface FieldBase {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function FieldFrame({ id, label, hint, error, required, children }: FieldBase & { children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <div class="field-label-row">
        <label for={id} class="field-label">
          {label}
        </label>
        {/* Outside the label, so the field's name stays 「问题」; aria-required tells screen readers. */}
        {required ? (
          <span class="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="field-error">
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** A labelled one-line input; its hint and error are tied to it with aria-describedby. */
export function TextField(
  props: FieldBase & {
    value: string;
    onInput: (value: string) => void;
    type?: 'text' | 'url' | 'search' | 'password';
    autoComplete?: string;
    inputMode?: JSX.HTMLAttributes['inputMode'];
    placeholder?: string;
    maxLength?: number;
    inputRef?: { current: HTMLInputElement | null };
    wide?: boolean;
  },
) {
  const { id, value, onInput, type = 'text', error, hint, required } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        ref={props.inputRef}
        class={`input${props.wide ? ' input-wide' : ''}`}
        type={type}
        value={value}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        spellcheck={false}
      />
    </FieldFrame>
  );
}

/** A labelled multi-line input. */
export function TextArea(
  props: FieldBase & { value: string; onInput: (value: string) => void; rows?: number; maxLength?: number },
) {
  const { id, value, onInput, error, hint, required } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={id}
        class="input input-wide"
        rows={props.rows ?? 4}
        value={value}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        maxLength={props.maxLength}
      />
    </FieldFrame>
  );
}

/** A labelled checkbox with an optional hint. */
export function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div class="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} class="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled <select>. */
export function Select<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: T;
  options: Array<[T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <div class="field field-inline">
      <label for={id} class="field-label">
        {label}
      </label>
      <select id={id} class="input" value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as T)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Text only screen readers read. */
export function VisuallyHidden({ children }: { children: ComponentChildren }) {
  return <span class="visually-hidden">{children}</span>;
}
